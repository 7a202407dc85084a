package io.jobgrid.shell.render;

import java.util.regex.Pattern;

/**
 * ANSI text styles. A disabled style set (output piped to a file or another program, or
 * {@code NO_COLOR} set) returns text unchanged, so callers never branch on colour support.
 */
public record Style(boolean enabled) {
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    public static final Style PLAIN = new Style(false);
    public static final Style ANSI = new Style(true);

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String blue(String s) {
        return wrap("34", s);
    }

    public String magenta(String s) {
        return wrap("35", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    /** A job state in the colour that tells how it is going: green done, red broken, cyan busy. */
    public String state(String state) {
        if (state == null) {
            return "";
        }
        return switch (state) {
            case "SUCCEEDED" -> green(state);
            case "FAILED", "TIMED_OUT" -> red(state);
            case "CANCELLED", "SKIPPED" -> magenta(state);
            case "RUNNING" -> cyan(state);
            case "QUEUED", "WAITING" -> yellow(state);
            default -> state;
        };
    }

    private String wrap(String code, String s) {
        return enabled && s != null && !s.isEmpty() ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
    }

    /** The text without escape sequences. */
    public static String strip(String s) {
        return s == null ? "" : ESCAPES.matcher(s).replaceAll("");
    }

    /** How many columns the text takes on screen (escape sequences take none). */
    public static int width(String s) {
        return strip(s).codePointCount(0, strip(s).length());
    }

    /**
     * The text cut to {@code width} columns (escape sequences kept, none counted), ending in "…"
     * when cut; unchanged when it fits or width is not positive. Keeps lines redrawn in place from
     * wrapping.
     */
    public static String cut(String s, int width) {
        if (width <= 0 || width(s) <= width) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < s.length() && shown < width - 1) {
            java.util.regex.Matcher m = ESCAPES.matcher(s).region(i, s.length());
            if (m.lookingAt()) {
                out.append(m.group());
                i = m.end();
                continue;
            }
            int cp = s.codePointAt(i);
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
            shown++;
        }
        return out.append("…").append(s.contains("\u001B[") ? "\u001B[0m" : "").toString();
    }
}
