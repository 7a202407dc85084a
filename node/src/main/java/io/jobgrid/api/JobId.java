package io.jobgrid.api;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A job's id: 13 characters of Crockford base32 encoding a cluster-unique, time-ordered 64-bit
 * number, so that sorting ids sorts jobs by creation time.
 */
public record JobId(String value) implements Comparable<JobId>, Serializable {
    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJKMNP-TV-Z]{13}");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public JobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInputException("id", "a job id is 13 characters of Crockford base32, but was '"
                    + abbreviate(value) + "'");
        }
    }

    public static JobId parse(String text) {
        return new JobId(text == null ? null : text.toUpperCase(java.util.Locale.ROOT));
    }

    /** Encodes a non-negative 64-bit number, keeping numeric order as string order. */
    public static JobId of(long number) {
        char[] out = new char[13];
        long n = number;
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET[(int) (n & 31)];
            n >>>= 5;
        }
        return new JobId(new String(out));
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
