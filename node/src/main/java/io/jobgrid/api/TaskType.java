package io.jobgrid.api;

import java.util.Map;

/**
 * A task registered by name, so that REST and the console can submit it with string arguments.
 * Implementations are found with {@link java.util.ServiceLoader} on a node's class path (a jar
 * given with {@code --classpath} lists them in {@code META-INF/services/io.jobgrid.api.TaskType})
 * or given to {@code NodeConfig.Builder.taskTypes}. Each node advertises the names it has, and a
 * named task runs only on a node that has its type.
 *
 * @param <R> the result of the tasks it makes
 */
public interface TaskType<R> {
    /** The name clients submit it by; letters, digits, '_', '.', '-', at most 128 characters. */
    String name();

    /**
     * The task for {@code args}. Bad arguments are refused with an {@link InvalidInputException}
     * naming the argument (as {@code args.NAME}); the node that accepts a submission calls this
     * first, so a bad one is a 400 and nothing is stored.
     */
    Task<R> create(Map<String, String> args);
}
