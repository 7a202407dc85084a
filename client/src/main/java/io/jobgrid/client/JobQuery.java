package io.jobgrid.client;

import java.time.Instant;

/**
 * The filters of {@code GET /api/v1/jobs}: newest first, at most {@code limit}, older than the id
 * {@code before} (a page's {@code X-Jobgrid-Next}). {@code name} keeps the jobs whose name contains
 * it (ignoring case); {@code createdAfter} (inclusive) and {@code createdBefore} (exclusive) bound
 * the creation time; {@code schedule} keeps the jobs that schedule fired; {@code array} keeps the jobs
 * of one job array. The node applies every filter before it cuts the page. A null field is not sent.
 */
public record JobQuery(String state, String node, String name, Instant createdAfter, Instant createdBefore,
                       Integer limit, String before, String schedule, String array) {
    public JobQuery {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, but was " + limit);
        }
    }

    /** The same with a schedule filter and no array filter (use {@link #inArray} for that). */
    public JobQuery(String state, String node, String name, Instant createdAfter, Instant createdBefore,
                    Integer limit, String before, String schedule) {
        this(state, node, name, createdAfter, createdBefore, limit, before, schedule, null);
    }

    /** Neither a schedule nor an array filter. */
    public JobQuery(String state, String node, String name, Instant createdAfter, Instant createdBefore,
                    Integer limit, String before) {
        this(state, node, name, createdAfter, createdBefore, limit, before, null, null);
    }

    /** Jobs by state and node only. */
    public JobQuery(String state, String node, Integer limit, String before) {
        this(state, node, null, null, null, limit, before);
    }

    /** Every job, up to the node's default limit. */
    public static JobQuery all() {
        return new JobQuery(null, null, null, null);
    }

    /** Jobs in {@code state}, at most {@code limit}. */
    public static JobQuery inState(String state, int limit) {
        return new JobQuery(state, null, limit, null);
    }

    /** The same filters, the page below {@code cursor} (a page's {@link JobPage#next()}). */
    public JobQuery below(String cursor) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, cursor, schedule, array);
    }

    /** The same filters, only the jobs the schedule {@code scheduleId} fired. */
    public JobQuery firedBy(String scheduleId) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, before, scheduleId, array);
    }

    /** The same filters, only the jobs of job array {@code arrayId}. */
    public JobQuery inArray(String arrayId) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, before, schedule, arrayId);
    }
}
