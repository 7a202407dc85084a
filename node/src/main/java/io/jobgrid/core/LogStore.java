package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;

import java.util.concurrent.CompletableFuture;

/**
 * The kept output of each attempt, stdout and stderr interleaved with the stderr bytes marked: a
 * bounded tail, replicated like the job record, so that it can be read and followed from any node
 * and survives the death of the node that ran the attempt.
 */
public interface LogStore {
    /**
     * Appends {@code bytes}, which start at byte {@code offset} of the attempt's output; {@code last}
     * marks the end. Callers send one attempt's appends in order, each after the previous completed.
     * A repeated or overlapping append (a retried call) writes each byte once; the first append
     * (offset 0) may start the tail afresh, since nothing can have come after it.
     */
    default CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] bytes, boolean last) {
        return append(id, attempt, offset, bytes, OutputTail.NONE, last);
    }

    /**
     * As {@link #append(JobId, int, long, byte[], boolean)}, with the chunk's stderr bytes marked as
     * offset pairs {@code [from, to)} counted like {@code offset} (see {@link OutputTail#stderr}).
     */
    CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] bytes, long[] stderr, boolean last);

    /** What is kept of the attempt's output from byte {@code from} on, both streams, stderr bytes marked. */
    JobLog read(JobId id, int attempt, long from);
}
