package io.jobgrid.shell.render;

import java.io.PrintWriter;

/**
 * Where one command writes and what that place can show.
 *
 * @param out   the command's output
 * @param style colours on a terminal, plain text when piped
 * @param width columns available, or 0 when unlimited (piped output is never cut)
 * @param live  true on a terminal, where a line can be redrawn in place (progress, top)
 */
public record Screen(PrintWriter out, Style style, int width, boolean live) {

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void print(Table table) {
        for (String line : table.render(width, style)) {
            out.println(line);
        }
        out.flush();
    }

    /** Redraws the current line (terminal) or prints it as a new line (piped output). */
    public void redraw(String line) {
        if (live) {
            out.print("\r" + line + "\u001B[K");
        } else {
            out.println(line);
        }
        out.flush();
    }
}
