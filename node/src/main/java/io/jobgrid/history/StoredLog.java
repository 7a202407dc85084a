package io.jobgrid.history;

import io.jobgrid.api.JobId;

import java.util.Objects;

/**
 * One attempt's kept output as the archive stores it: bytes {@code start} to {@code end} of what
 * the attempt printed (older bytes were dropped to keep the tail bounded), and whether the
 * attempt has ended.
 */
public record StoredLog(long start, long end, byte[] data, boolean complete) {
    public StoredLog {
        Objects.requireNonNull(data, "data");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a stored log spans start..end with 0 <= start <= end, but was "
                    + start + ".." + end);
        }
    }

    /** The key of an attempt's output: {@code jobId/attempt}. */
    public static String key(JobId id, int attempt) {
        return id.value() + "/" + attempt;
    }
}
