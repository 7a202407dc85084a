package io.jobgrid.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the grid knows about a job; the copy in the grid is the truth. Records are
 * immutable: every state change returns a new record and is refused, naming the job and both
 * states, when the state machine forbids it.
 *
 * <p>{@code attempt} counts started attempts and doubles as the fence: a queue item or a result
 * that carries another attempt number is stale and is discarded. {@code nodeId} is the member
 * (one process lifetime) running the current attempt; {@code notBefore} holds back a retry until
 * its backoff has passed. {@code satisfied} lists the parents that have succeeded so far; a
 * WAITING job is queued when it holds them all. {@code result} is a Java task's result or
 * exception, as its last attempt left it (null for shell jobs).
 */
public record JobRecord(
        JobId id,
        JobSpec spec,
        JobState state,
        int attempt,
        String node,
        String nodeId,
        Integer exitCode,
        String error,
        Instant createdAt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant notBefore,
        List<JobId> parents,
        List<JobId> children,
        List<JobId> satisfied,
        List<Attempt> attempts,
        TaskResult result) implements Serializable {

    public JobRecord {
        if (id == null || spec == null || state == null || createdAt == null) {
            throw new IllegalArgumentException("id, spec, state and createdAt are required");
        }
        parents = parents == null ? List.of() : List.copyOf(parents);
        children = children == null ? List.of() : List.copyOf(children);
        satisfied = satisfied == null ? List.of() : List.copyOf(satisfied);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A new job: WAITING when it has parents to wait for, else QUEUED. */
    public static JobRecord submitted(JobId id, JobSpec spec, Instant now) {
        boolean waits = spec.initialState() == JobState.WAITING;
        return new JobRecord(id, spec, spec.initialState(), 0, null, null, null, null,
                now, waits ? null : now, null, null, null, spec.dependsOn(), List.of(), List.of(), List.of(), null);
    }

    public String name() {
        return spec.name();
    }

    /** QUEUED -> RUNNING on {@code node}, opening attempt {@code attempt + 1}. */
    public JobRecord started(String nodeName, String memberId, Instant now) {
        check(JobState.RUNNING);
        List<Attempt> history = new ArrayList<>(attempts);
        history.add(new Attempt(attempt + 1, nodeName, now, null, null, null));
        return new JobRecord(id, spec, JobState.RUNNING, attempt + 1, nodeName, memberId, null, null, createdAt,
                queuedAt, now, null, null, parents, children, satisfied, history, null);
    }

    /** RUNNING -> a terminal state, closing the current attempt. */
    public JobRecord finished(JobState outcome, Integer code, String why, Instant now) {
        check(outcome);
        return new JobRecord(id, spec, outcome, attempt, node, nodeId, code, why, createdAt, queuedAt, startedAt,
                now, null, parents, children, satisfied, closeAttempt(now, outcome.name(), code, why), result);
    }

    /** RUNNING -> QUEUED for another attempt; the closed attempt keeps {@code attemptOutcome}. */
    public JobRecord requeued(String attemptOutcome, Integer code, String why, Instant now, Instant retryAt) {
        check(JobState.QUEUED);
        return new JobRecord(id, spec, JobState.QUEUED, attempt, node, nodeId, code, why, createdAt, now,
                startedAt, null, retryAt, parents, children, satisfied, closeAttempt(now, attemptOutcome, code, why),
                result);
    }

    /** WAITING -> QUEUED once every parent has succeeded. */
    public JobRecord released(Instant now) {
        check(JobState.QUEUED);
        return new JobRecord(id, spec, JobState.QUEUED, attempt, node, nodeId, exitCode, error, createdAt, now,
                startedAt, finishedAt, notBefore, parents, children, satisfied, attempts, result);
    }

    /** WAITING, QUEUED or RUNNING -> CANCELLED (or SKIPPED from WAITING, with {@code why}). */
    public JobRecord stopped(JobState to, String why, Instant now) {
        check(to);
        List<Attempt> history = state == JobState.RUNNING ? closeAttempt(now, to.name(), null, why) : attempts;
        return new JobRecord(id, spec, to, attempt, node, nodeId, exitCode, why, createdAt, queuedAt, startedAt,
                now, null, parents, children, satisfied, history, result);
    }

    /** The same record with {@code more} children added (those it has are kept once). */
    public JobRecord withChildren(List<JobId> more) {
        java.util.LinkedHashSet<JobId> all = new java.util.LinkedHashSet<>(children);
        all.addAll(more);
        if (all.size() == children.size()) {
            return this;
        }
        return new JobRecord(id, spec, state, attempt, node, nodeId, exitCode, error, createdAt, queuedAt,
                startedAt, finishedAt, notBefore, parents, new ArrayList<>(all), satisfied, attempts, result);
    }

    /** The same record with one more child (kept both ways, so the DAG can be walked from any job). */
    public JobRecord withChild(JobId child) {
        if (children.contains(child)) {
            return this;
        }
        List<JobId> more = new ArrayList<>(children);
        more.add(child);
        return new JobRecord(id, spec, state, attempt, node, nodeId, exitCode, error, createdAt, queuedAt,
                startedAt, finishedAt, notBefore, parents, more, satisfied, attempts, result);
    }

    /**
     * Notes that parent {@code parent} succeeded (idempotent); the record the caller releases
     * once every parent has.
     */
    public JobRecord withSatisfied(JobId parent) {
        if (satisfied.contains(parent) || !parents.contains(parent)) {
            return this;
        }
        List<JobId> more = new ArrayList<>(satisfied);
        more.add(parent);
        return new JobRecord(id, spec, state, attempt, node, nodeId, exitCode, error, createdAt, queuedAt,
                startedAt, finishedAt, notBefore, parents, children, more, attempts, result);
    }

    /** The same record carrying a Java task's result (or exception); the state is left as it is. */
    public JobRecord withResult(TaskResult taskResult) {
        return new JobRecord(id, spec, state, attempt, node, nodeId, exitCode, error, createdAt, queuedAt,
                startedAt, finishedAt, notBefore, parents, children, satisfied, attempts, taskResult);
    }

    /**
     * True when the job has a queue deadline ({@link JobSpec#startWithin}), has never started, and
     * the deadline has passed at {@code now}: it must not start any more, only expire.
     */
    public boolean startDeadlinePassed(Instant now) {
        Instant by = spec.startBy(createdAt);
        return by != null && attempt == 0 && (state == JobState.WAITING || state == JobState.QUEUED)
                && !now.isBefore(by);
    }

    /** WAITING or QUEUED -> CANCELLED because its queue deadline passed before it started. */
    public JobRecord expired(Instant now) {
        return stopped(JobState.CANCELLED, "not started within " + spec.startWithin(), now);
    }

    /** True once every parent has succeeded. */
    public boolean ready() {
        return satisfied.size() == parents.size();
    }

    /** Attempts that ended because their node was lost, which do not count against maxAttempts. */
    public int lostAttempts() {
        int n = 0;
        for (Attempt a : attempts) {
            if (Attempt.NODE_LOST.equals(a.outcome())) {
                n++;
            }
        }
        return n;
    }

    private void check(JobState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateChangeException(id, state, next);
        }
    }

    private List<Attempt> closeAttempt(Instant now, String outcome, Integer code, String why) {
        List<Attempt> history = new ArrayList<>(attempts);
        if (!history.isEmpty() && history.get(history.size() - 1).finishedAt() == null) {
            history.set(history.size() - 1, history.get(history.size() - 1).ended(now, outcome, code, why));
        }
        return history;
    }
}
