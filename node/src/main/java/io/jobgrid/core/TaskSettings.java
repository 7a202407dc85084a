package io.jobgrid.core;

import java.util.Set;
import java.util.function.Supplier;

/**
 * How this node runs Java tasks.
 *
 * @param slots          task attempts run at once here; separate from the shell slots
 * @param types          the task types and classes this node has
 * @param executor       where claimed attempts run (the grid's executor service)
 * @param clusterTypes   the task type names any live node advertises, for checking submissions
 * @param maxResultBytes a result serialized bigger than this fails its attempt
 */
public record TaskSettings(int slots, TaskTypes types, TaskExecutor executor, Supplier<Set<String>> clusterTypes,
                           int maxResultBytes) {
    /** The default bound on a serialized result: 1 MiB. */
    public static final int DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;

    public TaskSettings {
        if (slots < 0) {
            throw new IllegalArgumentException("task slots must not be negative, but was " + slots);
        }
        if (maxResultBytes < 1) {
            throw new IllegalArgumentException("maxResultBytes must be positive, but was " + maxResultBytes);
        }
    }
}
