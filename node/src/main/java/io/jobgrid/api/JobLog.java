package io.jobgrid.api;

import java.nio.charset.StandardCharsets;

/**
 * A slice of the output captured for one attempt of a job: stdout and stderr interleaved as
 * produced. The grid keeps a bounded tail, so {@code start} (the offset of the first byte held)
 * grows past 0 once the job has printed more than the cap; {@code end} counts every byte the
 * attempt has printed so far.
 */
public record JobLog(JobId id, int attempt, long start, long end, byte[] data, boolean complete) {
    public JobLog {
        data = data == null ? new byte[0] : data;
    }

    /** Bytes printed that are no longer held. */
    public long dropped() {
        return start;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
