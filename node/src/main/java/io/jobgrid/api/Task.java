package io.jobgrid.api;

import java.io.Serializable;

/**
 * Java code that runs on the grid as a job: stored in the job's record (Java serialization, so it
 * and every field it holds must be {@link Serializable}), placed, retried, timed out, cancelled and
 * failed over like a shell job, and run on a member whose class path has its class.
 *
 * <p>A task should stop soon after {@link TaskContext#cancelled()} turns true or its thread is
 * interrupted (a cancel or a timeout does both). One that ignores both keeps its task slot busy
 * until it returns, although its record has already ended and its late result is discarded.
 *
 * @param <R> the result; serializable, and at most the node's result limit (1 MiB) serialized
 */
@FunctionalInterface
public interface Task<R> extends Serializable {
    R run(TaskContext ctx) throws Exception;
}
