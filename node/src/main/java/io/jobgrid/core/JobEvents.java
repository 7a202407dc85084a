package io.jobgrid.core;

import io.jobgrid.api.JobRecord;

import java.time.Instant;
import java.util.List;

/**
 * What the scheduler tells observers (metrics, event streams) about jobs this node handles. Each
 * change is reported once, by the member that made it. Observers are called on scheduler threads
 * and must not block.
 */
public interface JobEvents {
    JobEvents NONE = new JobEvents() {
    };

    /** Every observer in {@code all}, in order; one that throws does not keep the others from hearing. */
    static JobEvents of(JobEvents... all) {
        return new FanOut(List.of(all));
    }

    default void submitted(JobRecord job) {
    }

    default void started(JobRecord job) {
    }

    /** An attempt ended; {@code job} is QUEUED again when it will be retried. */
    default void finished(JobRecord job, Instant attemptStartedAt) {
    }

    default void requeuedAfterNodeLoss(JobRecord job) {
    }

    /** The job was cancelled through the API; {@code job} is the CANCELLED record. */
    default void cancelled(JobRecord job) {
    }

    /** A WAITING job's parents have all succeeded; {@code job} is now QUEUED. */
    default void released(JobRecord job) {
    }

    /** A WAITING job was skipped because a parent did not succeed; {@code job} is SKIPPED. */
    default void skipped(JobRecord job) {
    }
}
