package io.jobgrid.scheduling;

import io.jobgrid.api.JobRecord;

import java.time.Instant;

/** What the scheduler tells observers (metrics, event streams) about jobs this node handles. */
public interface JobEvents {
    JobEvents NONE = new JobEvents() {
    };

    default void submitted(JobRecord job) {
    }

    default void started(JobRecord job) {
    }

    /** An attempt ended; {@code job} is QUEUED again when it will be retried. */
    default void finished(JobRecord job, Instant attemptStartedAt) {
    }

    default void requeuedAfterNodeLoss(JobRecord job) {
    }
}
