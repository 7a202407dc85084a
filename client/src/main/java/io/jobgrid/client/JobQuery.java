package io.jobgrid.client;

/**
 * The filters of {@code GET /api/v1/jobs}: newest first, at most {@code limit}, older than the id
 * {@code before} (a page's {@code X-Jobgrid-Next}). A null field is not sent.
 */
public record JobQuery(String state, String node, Integer limit, String before) {
    public JobQuery {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, but was " + limit);
        }
    }

    /** Every job, up to the node's default limit. */
    public static JobQuery all() {
        return new JobQuery(null, null, null, null);
    }

    /** Jobs in {@code state}, at most {@code limit}. */
    public static JobQuery inState(String state, int limit) {
        return new JobQuery(state, null, limit, null);
    }
}
