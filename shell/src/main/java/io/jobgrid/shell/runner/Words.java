package io.jobgrid.shell.runner;

import io.jobgrid.shell.UsageException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a console line into words the way a POSIX shell does (single quotes literal, double
 * quotes with {@code \"} and {@code \\}, backslash escapes outside quotes), and quotes words so
 * that splitting them again gives them back unchanged. The one-shot runner quotes the process's
 * argv with {@link #join}, so {@code submit -- sh -c 'echo a; echo b'} means the same typed at the
 * console or given on the command line.
 */
public final class Words {
    private Words() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                inWord = true; // also for '' or "", which make an empty word
                i = c == '\'' || c == '"' ? quoted(line, i, word) : plain(line, i, word);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the quoted text opening at {@code open}; returns the index after the closing quote. */
    private static int quoted(String line, int open, StringBuilder word) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (quote == '"' && c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        throw new UsageException("the line has an unclosed " + (quote == '\'' ? "single" : "double")
                + " quote, but a quote must be closed: " + line);
    }

    /** Appends one unquoted character (a backslash escapes the next); returns the next index. */
    private static int plain(String line, int i, StringBuilder word) {
        if (line.charAt(i) == '\\' && i + 1 < line.length()) {
            word.append(line.charAt(i + 1));
            return i + 2;
        }
        word.append(line.charAt(i));
        return i + 1;
    }

    /** The words as one line that {@link #split} turns back into the same words. */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_=.,:/@%+".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
