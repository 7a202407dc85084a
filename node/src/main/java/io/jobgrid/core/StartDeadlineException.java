package io.jobgrid.core;

import io.jobgrid.api.JobId;

import java.time.Duration;

/**
 * A claim refused because the job's queue deadline ({@link io.jobgrid.api.JobSpec#startWithin})
 * has passed: it must not start, only expire. The queue item is dropped like a stale one; the
 * owner of the record expires it ({@link Recovery#expireUnstarted}).
 */
public class StartDeadlineException extends StaleAttemptException {
    public StartDeadlineException(JobId id, int attempt, Duration startWithin) {
        super(id, attempt, "not started within " + startWithin);
    }
}
