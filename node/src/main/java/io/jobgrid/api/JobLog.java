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
