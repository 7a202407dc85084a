package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;

import java.util.concurrent.CompletableFuture;

/**
 * The kept output of each attempt: a bounded tail, replicated like the job record, so that it can
 * be read and followed from any node and survives the death of the node that ran the attempt.
 */
public interface LogStore {
    /**
     * Appends {@code bytes}, which start at byte {@code offset} of the attempt's output. A repeated
     * or overlapping append (a retried call) writes each byte once; {@code last} marks the end.
     */
    CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] bytes, boolean last);

    /** What is kept of the attempt's output from byte {@code from} on. */
    JobLog read(JobId id, int attempt, long from);
}
