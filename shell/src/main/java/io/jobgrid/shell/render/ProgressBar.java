package io.jobgrid.shell.render;

/**
 * A one-line progress bar, e.g. {@code [██████······] 3/5 done}: redrawn in place on a terminal.
 */
public final class ProgressBar {
    private ProgressBar() {
    }

    /** The bar for {@code done} of {@code total}, {@code cells} characters wide between the brackets. */
    public static String bar(int done, int total, int cells, Style style) {
        if (total <= 0 || cells <= 0) {
            return "[]";
        }
        int filled = (int) Math.floor((double) Math.min(done, total) * cells / total);
        return "[" + style.green("█".repeat(filled)) + style.dim("·".repeat(cells - filled)) + "]";
    }
}
