package io.jobgrid.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A slice of the output captured for one attempt of a job: stdout and stderr interleaved in the
 * order they were captured. The grid keeps a bounded tail, so {@code start} (the offset of the
 * first byte held) grows past 0 once the job has printed more than the cap; {@code end} counts
 * every byte the attempt has printed so far. Offsets always count bytes of the interleaved output,
 * also in a slice of one stream ({@link #only}), so a reader can go on from {@code end} either way.
 *
 * <p>{@code stderr} says which of the bytes in {@code data} came from stderr: pairs of offsets
 * {@code [from, to)}, sorted, counted like {@code start}. All other bytes are stdout (a Java
 * task's log lines, and output kept before the streams were told apart, are all stdout).
 */
public record JobLog(JobId id, int attempt, long start, long end, byte[] data, boolean complete, long[] stderr) {
    /** One of the two output streams of a job. */
    public enum Stream {
        STDOUT, STDERR;

        /** {@code stdout} or {@code stderr}, any case; null or blank: null (both streams). */
        public static Stream parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "stdout" -> STDOUT;
                case "stderr" -> STDERR;
                default -> throw new InvalidInputException("stream", "stream must be stdout or stderr, but was '"
                        + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
            };
        }
    }

    public JobLog {
        data = data == null ? new byte[0] : data;
        stderr = stderr == null ? new long[0] : stderr;
    }

    public JobLog(JobId id, int attempt, long start, long end, byte[] data, boolean complete) {
        this(id, attempt, start, end, data, complete, new long[0]);
    }

    /** Bytes printed that are no longer held. */
    public long dropped() {
        return start;
    }

    /**
     * The bytes of {@code stream} only (the same offsets, the other stream's bytes left out of
     * {@code data}, and no spans: the slice is one stream); this slice itself for null (both streams).
     */
    public JobLog only(Stream stream) {
        if (stream == null) {
            return this;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(data.length);
        long dataEnd = start + data.length;
        long at = start;
        for (int i = 0; i + 1 < stderr.length; i += 2) {
            long from = Math.max(stderr[i], at);
            long to = Math.min(stderr[i + 1], dataEnd);
            if (from >= to) {
                continue;
            }
            if (stream == Stream.STDOUT) {
                kept.write(data, (int) (at - start), (int) (from - at));
            } else {
                kept.write(data, (int) (from - start), (int) (to - from));
            }
            at = to;
        }
        if (stream == Stream.STDOUT && at < dataEnd) {
            kept.write(data, (int) (at - start), (int) (dataEnd - at));
        }
        return new JobLog(id, attempt, start, end, kept.toByteArray(), complete, new long[0]);
    }

    /**
     * The data as read from byte {@code from}: when the grid no longer holds bytes from there on,
     * a line saying how many were dropped comes first.
     */
    public byte[] bytesFrom(long from) {
        if (start <= from) {
            return data;
        }
        byte[] marker = ("[jobgrid] " + (start - from) + " bytes of earlier output were dropped\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[marker.length + data.length];
        System.arraycopy(marker, 0, out, 0, marker.length);
        System.arraycopy(data, 0, out, marker.length, data.length);
        return out;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
