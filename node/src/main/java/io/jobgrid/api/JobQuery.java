package io.jobgrid.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A filter for listing jobs, newest first (by id). Null fields match everything. {@code name}
 * matches the jobs whose name contains it, ignoring case; {@code createdAfter} (inclusive) and
 * {@code createdBefore} (exclusive) bound the creation time, to the millisecond. {@code before} is the paging cursor:
 * only jobs whose id sorts before it (older jobs) are listed, so the last id of one page asks for
 * the next, and the filters stay the same from page to page. {@code schedule} keeps the jobs that
 * schedule fired ({@link ScheduleFire}); {@code array} matches the jobs of one job array (see
 * {@link Jobs#submitArray}).
 */
public record JobQuery(JobState state, String node, String name, Instant createdAfter, Instant createdBefore,
                       int limit, JobId before, String schedule, JobId array) {
    public static final int MAX_LIMIT = 10_000;
    /** The longest name worth searching for: a job's name is at most 256 characters. */
    public static final int MAX_NAME = 256;

    public JobQuery {
        checkText("schedule", schedule);
        checkText("name", name);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
        // stores keep creation times in milliseconds: so does the filter, for one answer everywhere
        createdAfter = createdAfter == null ? null : createdAfter.truncatedTo(ChronoUnit.MILLIS);
        createdBefore = createdBefore == null ? null : createdBefore.truncatedTo(ChronoUnit.MILLIS);
        if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
            throw new InvalidInputException("createdBefore", "createdBefore must be later than createdAfter ("
                    + createdAfter + "), but was " + createdBefore);
        }
    }

    private static void checkText(String field, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_NAME)) {
            throw new InvalidInputException(field, field + " must be 1 to " + MAX_NAME + " characters, but was "
                    + value.length());
        }
    }

    /** The same with a schedule filter and no array filter. */
    public JobQuery(JobState state, String node, String name, Instant createdAfter, Instant createdBefore,
                    int limit, JobId before, String schedule) {
        this(state, node, name, createdAfter, createdBefore, limit, before, schedule, null);
    }

    /** The same with an array filter and no schedule filter. */
    public JobQuery(JobState state, String node, String name, Instant createdAfter, Instant createdBefore,
                    int limit, JobId before, JobId array) {
        this(state, node, name, createdAfter, createdBefore, limit, before, null, array);
    }

    /** Neither a schedule nor an array filter. */
    public JobQuery(JobState state, String node, String name, Instant createdAfter, Instant createdBefore,
                    int limit, JobId before) {
        this(state, node, name, createdAfter, createdBefore, limit, before, null, null);
    }

    /** A page of jobs in {@code state} on {@code node}, below the cursor {@code before}. */
    public JobQuery(JobState state, String node, int limit, JobId before) {
        this(state, node, null, null, null, limit, before);
    }

    /** The first page: the newest jobs. */
    public JobQuery(JobState state, String node, int limit) {
        this(state, node, limit, null);
    }

    public static JobQuery all() {
        return new JobQuery(null, null, 100);
    }

    /** The same filters, one page further: below {@code cursor}. */
    public JobQuery after(JobId cursor) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, cursor, schedule, array);
    }

    /** The same filters, keeping only the jobs that {@code scheduleId} fired. */
    public JobQuery firedBy(String scheduleId) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, before, scheduleId, array);
    }

    /** The same query, only for the jobs of array {@code arrayId}. */
    public JobQuery inArray(JobId arrayId) {
        return new JobQuery(state, node, name, createdAfter, createdBefore, limit, before, schedule, arrayId);
    }

    /** Whether {@code r} passes every filter and the cursor: the one definition every store keeps. */
    public boolean matches(JobRecord r) {
        return (state == null || state == r.state())
                && (node == null || node.equals(r.node()))
                && (name == null || r.name() != null && lower(r.name()).contains(lower(name)))
                && createdWithin(r.createdAt().toEpochMilli())
                && (before == null || r.id().compareTo(before) < 0)
                && firedBy(r) && inArray(r);
    }

    private boolean firedBy(JobRecord r) {
        return schedule == null || schedule.equals(ScheduleFire.scheduleOf(r));
    }

    private boolean inArray(JobRecord r) {
        return array == null || r.spec().array() != null && array.equals(r.spec().array().array());
    }

    private boolean createdWithin(long millis) {
        return (createdAfter == null || millis >= createdAfter.toEpochMilli())
                && (createdBefore == null || millis < createdBefore.toEpochMilli());
    }

    /** The lower-case form names are compared in (the archive stores names in it too). */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
