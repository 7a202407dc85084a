package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/schedules}: a recurring job. Exactly one of {@code cron} (six fields,
 * seconds first, in {@code timezone}) and {@code every} (an ISO-8601 duration such as {@code PT30S}). Absent
 * fields are left out so the node applies its defaults (UTC, overlap {@code skip}, misfire {@code none}); the
 * node checks every field and names a bad one.
 *
 * @param overlap {@code skip}, {@code allow} or {@code cancel-previous}
 * @param misfire {@code none} or {@code one}
 * @param job     what each fire runs (no idempotency key and no dependencies: each fire gets its own key)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleRequest(String name, String cron, String every, String timezone, JobRequest job, String overlap,
                              String misfire) {
    public ScheduleRequest {
        if ((cron == null) == (every == null)) {
            throw new IllegalArgumentException("a schedule needs exactly one of cron and every, but was cron=" + cron
                    + ", every=" + every);
        }
        if (job == null) {
            throw new IllegalArgumentException("a schedule needs a job");
        }
    }

    /** Fires {@code job} on the cron expression {@code cron} (UTC unless {@link #in} says otherwise). */
    public static ScheduleRequest cron(String name, String cron, JobRequest job) {
        return new ScheduleRequest(name, cron, null, null, job, null, null);
    }

    /** Fires {@code job} every {@code every} (ISO-8601, e.g. {@code PT30S}), aligned to the Unix epoch. */
    public static ScheduleRequest every(String name, String every, JobRequest job) {
        return new ScheduleRequest(name, null, every, null, job, null, null);
    }

    /** The same in the IANA time zone {@code zone}. */
    public ScheduleRequest in(String zone) {
        return new ScheduleRequest(name, cron, every, zone, job, overlap, misfire);
    }

    /** The same with these overlap and misfire policies (null: the node's default). */
    public ScheduleRequest policies(String newOverlap, String newMisfire) {
        return new ScheduleRequest(name, cron, every, timezone, job, newOverlap, newMisfire);
    }
}
