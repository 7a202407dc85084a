package io.jobgrid.shell.render;

import java.time.Duration;
import java.time.Instant;

/** Times as people read them in a console: "12s ago", "in 3m", and durations like "1m05s". */
public final class Times {
    private Times() {
    }

    /** {@code at} relative to {@code now}: "just now", "12s ago", "3m ago", "in 5s"; "-" when unknown. */
    public static String ago(Instant at, Instant now) {
        if (at == null) {
            return "-";
        }
        Duration d = Duration.between(at, now);
        if (d.abs().toMillis() < 1000) {
            return "just now";
        }
        return d.isNegative() ? "in " + coarse(d.negated()) : coarse(d) + " ago";
    }

    /** The time from {@code from} to {@code to} (or to {@code now} while still open); "-" when not started. */
    public static String between(Instant from, Instant to, Instant now) {
        if (from == null) {
            return "-";
        }
        Duration d = Duration.between(from, to != null ? to : now);
        return duration(d.isNegative() ? Duration.ZERO : d);
    }

    /** A precise short duration: "850ms", "4.2s", "1m05s", "2h03m", "3d04h". */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return String.format("%d.%ds", ms / 1000, (ms % 1000) / 100);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** One unit, rounded down, for ages: "12s", "3m", "5h", "2d". */
    static String coarse(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** Bytes in binary units: "512B", "1.5KiB", "300MiB", "2.0GiB". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v < 10 ? String.format("%.1f%s", v, units[u]) : String.format("%.0f%s", v, units[u]);
    }
}
