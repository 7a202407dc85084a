package io.jobgrid.api;

/**
 * A filter for listing jobs, newest first. Null fields match everything. {@code before} is the
 * paging cursor: only jobs whose id sorts before it (older jobs) are listed, so the last id of
 * one page asks for the next.
 */
public record JobQuery(JobState state, String node, int limit, JobId before) {
    public static final int MAX_LIMIT = 10_000;

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
    }

    /** The first page: the newest jobs. */
    public JobQuery(JobState state, String node, int limit) {
        this(state, node, limit, null);
    }

    public static JobQuery all() {
        return new JobQuery(null, null, 100);
    }
}
