package io.jobgrid.api;

import java.util.List;

/**
 * What {@link Jobs#submitArray} made: the array's id and its jobs' ids, by index.
 */
public record JobArray(JobId id, List<JobId> ids) {
    /** The most jobs one array may hold. */
    public static final int MAX_COUNT = 100_000;

    public JobArray {
        if (id == null || ids == null) {
            throw new InvalidInputException("array", "an array needs its id and its jobs' ids");
        }
        ids = List.copyOf(ids);
    }

    /** Refuses a count outside 1 to {@link #MAX_COUNT}, naming the field {@code array.count}. */
    public static void checkCount(int count) {
        if (count < 1) {
            throw new InvalidInputException("array.count", "array.count must be at least 1, but was " + count);
        }
        if (count > MAX_COUNT) {
            throw new InvalidInputException("array.count", "array.count may be at most " + MAX_COUNT
                    + ", but was " + count);
        }
    }
}
