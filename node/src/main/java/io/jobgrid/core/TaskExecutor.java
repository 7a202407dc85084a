package io.jobgrid.core;

import io.jobgrid.api.JobId;

import java.util.concurrent.Executor;

/**
 * Where this node's Java task attempts run once claimed: the grid runs them through a Hazelcast
 * executor service on this member ({@code grid.HzTaskExecutor}), whose pool is the node's task
 * slots. Whatever runs them calls {@link Scheduler#runTask(JobId, int)} on a thread of its own.
 */
public interface TaskExecutor {
    /** Runs attempt {@code attempt} of {@code id} on a thread of the executor; may throw when it cannot. */
    void execute(JobId id, int attempt);

    /**
     * Has the named type's arguments checked by another node that has the type, for a submission
     * at a node that lacks it; throws that node's refusal (an {@link io.jobgrid.api.InvalidInputException}
     * naming the argument). Without another node to ask it checks nothing.
     */
    default void checkArgsElsewhere(String type, java.util.Map<String, String> args) {
    }

    /** A plain executor of this JVM (the in-memory ports' choice). */
    static TaskExecutor local(Executor threads, java.util.function.Supplier<Scheduler> scheduler) {
        return (id, attempt) -> threads.execute(() -> scheduler.get().runTask(id, attempt));
    }
}
