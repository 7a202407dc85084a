package io.jobgrid.history;

import io.jobgrid.api.JobId;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One attempt's kept output as the archive stores it: bytes {@code start} to {@code end} of what
 * the attempt printed, stdout and stderr interleaved (older bytes were dropped to keep the tail
 * bounded), whether the attempt has ended, and which bytes came from stderr (offset pairs
 * {@code [from, to)}; none for a tail stored before the streams were told apart, which reads as
 * all stdout).
 */
public record StoredLog(long start, long end, byte[] data, boolean complete, long[] stderr) {
    public StoredLog {
        Objects.requireNonNull(data, "data");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a stored log spans start..end with 0 <= start <= end, but was "
                    + start + ".." + end);
        }
        stderr = stderr == null ? new long[0] : stderr;
    }

    public StoredLog(long start, long end, byte[] data, boolean complete) {
        this(start, end, data, complete, new long[0]);
    }

    /** The key of an attempt's output: {@code jobId/attempt}. */
    public static String key(JobId id, int attempt) {
        return id.value() + "/" + attempt;
    }

    /** The stderr spans as the archive's column holds them: 8-byte big-endian offsets; null for none. */
    static byte[] encode(long[] spans) {
        if (spans.length == 0) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(spans.length * Long.BYTES);
        for (long offset : spans) {
            out.putLong(offset);
        }
        return out.array();
    }

    /** Spans read back from {@link #encode}; null (a row stored before the column) is none. */
    static long[] decode(byte[] column) {
        if (column == null) {
            return new long[0];
        }
        ByteBuffer in = ByteBuffer.wrap(column);
        long[] spans = new long[column.length / Long.BYTES];
        for (int i = 0; i < spans.length; i++) {
            spans[i] = in.getLong();
        }
        return spans;
    }
}
