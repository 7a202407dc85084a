package io.jobgrid.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Submitting, watching and stopping jobs. Any node answers for the whole cluster.
 */
public interface Jobs {
    /**
     * Stores the job and queues it (or lets it wait for its parents). With an idempotency key that
     * was used before, returns the id of the first job and stores nothing.
     */
    JobId submit(JobSpec spec);

    /**
     * Submits many jobs in one call: their records are stored and queued in a few grid operations
     * instead of a round trip or two per job. Every spec is checked first, and if one is refused
     * nothing is stored. A spec with an idempotency key behaves as in {@link #submit(JobSpec)}.
     *
     * @return the ids, in the order of {@code specs}
     * @throws TooLargeException when there are more than 20,000 specs
     */
    List<JobId> submitAll(List<JobSpec> specs);

    /**
     * Submits {@code count} jobs of one spec as a job array: job {@code i} (0 to count - 1) sees
     * {@code JOBGRID_ARRAY_INDEX=i} and its record carries the array's id and its index
     * ({@link JobSpec#array()}). They are checked once and stored and queued as one batch (as
     * {@link #submitAll}), so a large array costs a few grid operations, not one per job; if the
     * spec is refused nothing is stored. List them with {@link JobQuery#inArray}, stop them with
     * {@link #cancelArray}.
     *
     * @throws InvalidInputException when {@code count} is below 1 or above {@link JobArray#MAX_COUNT}
     *                               ({@code array.count}), or the spec has an idempotency key or
     *                               parents (an array has neither: see the README)
     */
    JobArray submitArray(JobSpec spec, int count);

    /**
     * Cancels every job of array {@code arrayId} that has not ended (as {@link #cancel(JobId)});
     * the ones that ended meanwhile are left as they are.
     *
     * @return how many jobs this call cancelled
     * @throws NotFoundException when no job belongs to that array
     */
    int cancelArray(JobId arrayId);

    /**
     * How many jobs the cluster holds in each state (every state, zeros included), from counts
     * each member keeps of the records it owns, not from reading the records. With the history
     * store on, finished jobs count while they are in memory (see {@code keepFinished}). Exact once
     * no partition moves; while members join or leave, a count may lag its records by about a second.
     */
    java.util.Map<JobState, Long> summary();

    /**
     * Checks {@code spec} as {@link #submit} would (the node's command policy, a named task's type
     * and arguments, the parents it names) and stores nothing: what a schedule's job is checked
     * with when the schedule is made.
     *
     * @throws InvalidInputException naming the field at fault
     */
    void validate(JobSpec spec);

    Optional<JobRecord> get(JobId id);

    /** The job, or {@link NotFoundException}. */
    default JobRecord require(JobId id) {
        return get(id).orElseThrow(() -> NotFoundException.job(id));
    }

    /** Jobs matching the query, newest first. */
    List<JobRecord> list(JobQuery query);

    /**
     * Cancels a waiting, queued or running job; a running one has its whole process tree killed.
     * Its waiting children are then skipped.
     *
     * @throws IllegalStateChangeException when the job has already ended
     */
    default JobRecord cancel(JobId id) {
        return cancel(id, false);
    }

    /** As {@link #cancel(JobId)}; with {@code cascade}, every unfinished descendant is cancelled too. */
    JobRecord cancel(JobId id, boolean cascade);

    /**
     * Submits a whole DAG at once. Keys must be unique and every {@code after} key known; cycles
     * and self-edges are refused naming the keys, and nothing is stored.
     *
     * @return the id given to each key
     */
    java.util.Map<String, JobId> submitDag(List<DagJob> jobs);

    /** Every job connected to {@code id} through parents and children, as they are now. */
    List<JobRecord> dag(JobId id);

    /** The output of the latest attempt. */
    default JobLog logs(JobId id) {
        return logs(id, 0, 0);
    }

    /**
     * Output of {@code attempt} (0 for the latest) from byte {@code from}, stdout and stderr
     * interleaved with the stderr bytes marked ({@link JobLog#stderr}); bytes before the held tail
     * are skipped.
     */
    JobLog logs(JobId id, int attempt, long from);

    /** As {@link #logs(JobId, int, long)}, only the bytes of {@code stream} (null: both). */
    default JobLog logs(JobId id, int attempt, long from, JobLog.Stream stream) {
        return logs(id, attempt, from).only(stream);
    }

    /**
     * Writes the output of {@code attempt} (0: the latest, following retries with a line naming
     * each new attempt) from byte {@code from} to {@code out} as it reaches the grid, until the job
     * ends, or that attempt does when one was named. The final output is in the grid before the
     * state changes, so nothing printed is missed.
     *
     * @throws IOException when {@code out} fails (the reader went away)
     */
    default void follow(JobId id, int attempt, long from, OutputStream out) throws IOException {
        follow(id, attempt, from, null, out);
    }

    /**
     * As {@link #follow(JobId, int, long, OutputStream)}, only the bytes of {@code stream} (null:
     * both, interleaved as captured); {@code from} counts bytes of the interleaved output either way.
     */
    void follow(JobId id, int attempt, long from, JobLog.Stream stream, OutputStream out) throws IOException;

    /** Waits until the job is in a terminal state and returns it; on timeout returns it as it is. */
    JobRecord await(JobId id, Duration timeout);

    /**
     * Submits Java code as a job (see {@link Task}) with the options of {@code options}: name,
     * maxAttempts, backoff, timeout, constraints, idempotencyKey and dependsOn, as for a shell job
     * (its command, shell and env must be unset). It runs on a node whose class path has the
     * task's class, in one of that node's task slots. The task is serialized now (and set as the
     * builder's task), so later changes to the object do not reach the grid.
     */
    <R> TaskHandle<R> submit(Task<R> task, JobSpec.Builder options);

    /** {@link #submit(Task, JobSpec.Builder)} with every option at its default. */
    default <R> TaskHandle<R> submit(Task<R> task) {
        return submit(task, JobSpec.builder());
    }

    /**
     * Submits many tasks with the same options, queued in a few round trips. Every task is checked
     * (serializable, within the size limit) before any is stored. An idempotency key in
     * {@code options} becomes {@code KEY/0}, {@code KEY/1}, ... by position.
     */
    <R> List<TaskHandle<R>> submitAll(List<? extends Task<R>> tasks, JobSpec.Builder options);

    /** A handle on the Java task {@code id}, submitted from anywhere. */
    <R> TaskHandle<R> task(JobId id);
}
