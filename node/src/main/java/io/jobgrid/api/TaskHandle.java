package io.jobgrid.api;

import java.time.Duration;

/**
 * A submitted Java task. The result lives in the job's record, so a handle can be made again from
 * the id alone ({@link Jobs#task(JobId)}), on any node, after the submitter went away.
 *
 * @param <R> the task's result
 */
public interface TaskHandle<R> {
    JobId id();

    /**
     * Waits until the task has ended and returns its result.
     *
     * @throws TaskFailedException when it ended in any state but SUCCEEDED
     * @throws NotReadyException   when it has not ended within {@code timeout}
     */
    R await(Duration timeout);

    /** The record as it is now. */
    JobRecord record();
}
