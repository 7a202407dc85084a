package io.jobgrid.api;

/**
 * A filter for listing jobs, newest first. Null fields match everything.
 */
public record JobQuery(JobState state, String node, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
    }

    public static JobQuery all() {
        return new JobQuery(null, null, 100);
    }
}
