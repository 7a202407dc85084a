package io.jobgrid.shell.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain kubectl-style table: a header, columns two spaces apart, no borders. It fits a width:
 * flexible columns (commands, tags) shrink first and end in "…", then shrinkable ones (names,
 * URLs); ids, states, numbers and times are never cut, since a cut id is useless. Colours are
 * applied after cells are cut, so escape codes never count as width.
 */
public final class Table {
    private static final String GAP = "  ";
    private static final String ELLIPSIS = "…";

    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    /** How a column gives way when the table is too wide. */
    enum Shrink { FIRST, THEN, NEVER }

    /** A column and how it gives way to fit. */
    record Column(String header, Shrink shrink, boolean rightAligned) {
    }

    /** A cell's text and how to paint it once it is cut to size. */
    public record Cell(String text, UnaryOperator<String> paint) {
        public Cell {
            text = text == null ? "" : text.replace('\n', ' ').replace('\t', ' ');
            paint = paint == null ? UnaryOperator.identity() : paint;
        }

        public static Cell of(Object value) {
            return value instanceof Cell c ? c : new Cell(value == null ? "" : String.valueOf(value), null);
        }
    }

    /** A column that is never cut (ids, states, times). */
    public Table column(String header) {
        columns.add(new Column(header, Shrink.NEVER, false));
        return this;
    }

    /** A column cut when the flexible ones cannot give more (names, URLs). */
    public Table shrinkable(String header) {
        columns.add(new Column(header, Shrink.THEN, false));
        return this;
    }

    /** A column cut first (commands, tags). */
    public Table flexible(String header) {
        columns.add(new Column(header, Shrink.FIRST, false));
        return this;
    }

    /** A right-aligned column that is never cut. */
    public Table numeric(String header) {
        columns.add(new Column(header, Shrink.NEVER, true));
        return this;
    }

    /** Adds a row; values are {@link Cell}s or anything with a {@code toString}. */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row needs " + columns.size() + " values, but had " + values.length);
        }
        List<Cell> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(Cell.of(v));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines no wider than {@code maxWidth} (0 or less: no limit). */
    public List<String> render(int maxWidth, Style style) {
        int[] widths = fit(naturalWidths(), maxWidth);
        List<String> lines = new ArrayList<>(rows.size() + 1);
        List<Cell> header = new ArrayList<>();
        for (Column c : columns) {
            header.add(new Cell(c.header(), style::bold));
        }
        lines.add(line(header, widths));
        for (List<Cell> row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    private int[] naturalWidths() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = length(columns.get(i).header());
            for (List<Cell> row : rows) {
                widths[i] = Math.max(widths[i], length(row.get(i).text()));
            }
        }
        return widths;
    }

    /** Shrinks the widest flexible column one step at a time, then the widest shrinkable one. */
    private int[] fit(int[] widths, int maxWidth) {
        if (maxWidth <= 0) {
            return widths;
        }
        int total = GAP.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > maxWidth) {
            int victim = widest(widths, Shrink.FIRST);
            if (victim < 0) {
                victim = widest(widths, Shrink.THEN);
            }
            if (victim < 0) {
                break; // only uncuttable columns are left: the lines wrap
            }
            widths[victim]--;
            total--;
        }
        return widths;
    }

    private int widest(int[] widths, Shrink kind) {
        int best = -1;
        for (int i = 0; i < widths.length; i++) {
            Column c = columns.get(i);
            int floor = Math.max(5, length(c.header()));
            if (c.shrink() == kind && widths[i] > floor && (best < 0 || widths[i] > widths[best])) {
                best = i;
            }
        }
        return best;
    }

    private String line(List<Cell> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean last = i == cells.size() - 1;
            String text = cut(cells.get(i).text(), widths[i]);
            int pad = widths[i] - length(text);
            String painted = cells.get(i).paint().apply(text);
            if (columns.get(i).rightAligned()) {
                sb.append(" ".repeat(pad)).append(painted);
            } else {
                sb.append(painted).append(last ? "" : " ".repeat(pad));
            }
            if (!last) {
                sb.append(GAP);
            }
        }
        return stripTrailing(sb.toString());
    }

    static String cut(String text, int width) {
        if (length(text) <= width) {
            return text;
        }
        int keep = Math.max(0, width - 1);
        return text.substring(0, text.offsetByCodePoints(0, keep)) + ELLIPSIS;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
