package io.jobgrid.core;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TaskResult;

import java.time.Instant;

/**
 * The atomic changes the scheduler makes to job records. Each carries its own time and fence,
 * runs where the record lives, and refuses (changing nothing) when the record has moved on.
 */
public final class JobUpdates {
    /** Attempts lost with their node beyond which a job is failed rather than re-run. */
    static final int MAX_LOST_ATTEMPTS = 5;

    private JobUpdates() {
    }

    static JobRecord require(JobRecord r, JobId id) {
        if (r == null) {
            throw NotFoundException.job(id);
        }
        return r;
    }

    /** QUEUED -> RUNNING here, if the queue item's fence ({@code attempt}) is still current. */
    public record Claim(JobId id, int attempt, String node, String nodeId, Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            require(r, id);
            if (r.state() != JobState.QUEUED || r.attempt() != attempt) {
                throw new StaleAttemptException(id, attempt, "the job is " + r.state() + " at attempt " + r.attempt());
            }
            if (r.startDeadlinePassed(now)) {
                throw new StartDeadlineException(id, attempt, r.spec().startWithin()); // expires, never starts
            }
            if (r.notBefore() != null && r.notBefore().isAfter(now)) {
                throw new NotYetException(id, r.notBefore());
            }
            return r.started(node, nodeId, now);
        }
    }

    /**
     * WAITING or QUEUED -> CANCELLED ("not started within ...") when the job never started and its
     * queue deadline has passed at {@code now}; any other record is left as it is. Against a claim
     * it is one or the other: the claim refuses a record past its deadline, and this leaves a
     * started one alone.
     */
    public record Expire(JobId id, Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            return r == null || !r.startDeadlinePassed(now) ? r : r.expired(now);
        }
    }

    /**
     * RUNNING -> the attempt's outcome, or back to QUEUED for a retry while attempts remain.
     * Only the attempt that is current on this node may report.
     */
    public record Finish(JobId id, int attempt, String nodeId, JobState outcome, Integer exitCode, String error,
                  Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            require(r, id);
            if (r.state() != JobState.RUNNING || r.attempt() != attempt || !nodeId.equals(r.nodeId())) {
                throw new StaleAttemptException(id, attempt, "the job is " + r.state() + " at attempt " + r.attempt());
            }
            if (outcome == JobState.SUCCEEDED || outcome == JobState.CANCELLED) {
                return r.finished(outcome, exitCode, error, now);
            }
            int counted = r.attempt() - r.lostAttempts();
            if (counted < r.spec().maxAttempts()) {
                Instant retryAt = now.plus(r.spec().backoff().delayBefore(r.attempt() + 1));
                return r.requeued(outcome.name(), exitCode, error, now, retryAt);
            }
            return r.finished(outcome, exitCode, error, now);
        }
    }

    /**
     * As {@link Finish}, for a Java task: the record also takes the attempt's result (or
     * exception) in the same atomic step, so a late result of an old attempt, refused by the
     * fence, never lands either.
     */
    public record FinishTask(JobId id, int attempt, String nodeId, JobState outcome, String error, TaskResult result,
                             Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            require(r, id);
            return new Finish(id, attempt, nodeId, outcome, null, error, now).apply(r.withResult(result));
        }
    }

    /** Any live state -> CANCELLED. */
    public record Cancel(JobId id, Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            return require(r, id).stopped(JobState.CANCELLED, "cancelled", now);
        }
    }

    /** RUNNING on a member that has left -> QUEUED as a new attempt (or FAILED after too many). */
    public record RequeueLost(JobId id, String deadNodeId, String deadNodeName, Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            if (r == null || r.state() != JobState.RUNNING || !deadNodeId.equals(r.nodeId())) {
                return r;
            }
            String why = "node " + deadNodeName + " left the cluster while running attempt " + r.attempt();
            if (r.lostAttempts() + 1 >= MAX_LOST_ATTEMPTS) {
                return r.finished(JobState.FAILED, null, why + "; lost " + MAX_LOST_ATTEMPTS + " times", now);
            }
            return r.requeued(Attempt.NODE_LOST, null, why, now, null);
        }
    }

    /** Records {@code child} on its parent, so the graph can be walked down; answers the parent as it is. */
    public record AddChild(JobId parent, JobId child) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            return require(r, parent).withChild(child);
        }
    }

    /**
     * A parent of a WAITING job has ended: a success counts towards release (QUEUED once all
     * parents have succeeded); any other end skips the job. Idempotent; a job no longer WAITING
     * is left as it is.
     */
    public record ParentEnded(JobId child, JobId parent, JobState parentState, Instant now) implements JobUpdate {
        @Override
        public JobRecord apply(JobRecord r) {
            if (r == null || r.state() != JobState.WAITING) {
                return r;
            }
            if (parentState != JobState.SUCCEEDED) {
                return r.stopped(JobState.SKIPPED, "parent " + parent + " ended " + parentState, now);
            }
            JobRecord counted = r.withSatisfied(parent);
            return counted.ready() ? counted.released(now) : counted;
        }

        /** Only a child that moved on (released or skipped) is needed whole by the one who told it. */
        @Override
        public boolean needsRecord(JobRecord after) {
            return after == null || after.state() != JobState.WAITING;
        }
    }
}
