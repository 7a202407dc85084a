package io.jobgrid.api;

import java.io.Serializable;
import java.time.Duration;

/**
 * Delay before a retry: {@code initial * factor^(retry-1)}, capped at {@code max}.
 */
public record Backoff(Duration initial, double factor, Duration max) implements Serializable {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));

    public Backoff {
        if (initial == null || initial.isNegative() || initial.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidInputException("backoff.initialSeconds",
                    "backoff.initialSeconds must be between 0 and 86400, but was " + seconds(initial));
        }
        if (!(factor >= 1.0 && factor <= 100.0)) {
            throw new InvalidInputException("backoff.factor",
                    "backoff.factor must be between 1 and 100, but was " + factor);
        }
        if (max == null || max.compareTo(initial) < 0 || max.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidInputException("backoff.maxSeconds",
                    "backoff.maxSeconds must be between backoff.initialSeconds and 86400, but was " + seconds(max));
        }
    }

    /** The delay before attempt {@code nextAttempt} (2 for the first retry). */
    public Duration delayBefore(int nextAttempt) {
        int retry = Math.max(1, nextAttempt - 1);
        double millis = initial.toMillis() * Math.pow(factor, retry - 1);
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    private static String seconds(Duration d) {
        return d == null ? "null" : String.valueOf(d.toMillis() / 1000.0);
    }
}
