package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A schedule as {@code /api/v1/schedules} describes it (list, get, pause, resume).
 *
 * @param cron         six fields with seconds, or null for an {@code every} schedule
 * @param every        an ISO-8601 duration, or null for a cron schedule
 * @param job          the job spec each fire runs, as the node renders specs
 * @param lastFireTime the fire time of the last job started, or null
 * @param lastJob      that job's id, or null
 * @param nextFireTime the next fire time, or null when paused or when there is none
 * @param nextFireTimes the next few fire times, the first being {@code nextFireTime}: only in the answer
 *                      about one schedule ({@code get}); empty elsewhere and while paused
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleView(String id, String name, String cron, String every, String timezone, JsonNode job,
                           String overlap, String misfire, boolean paused, Instant lastFireTime, String lastJob,
                           Instant nextFireTime, List<Instant> nextFireTimes) {
    public ScheduleView {
        if (id == null) {
            throw new IllegalArgumentException("a schedule has an id");
        }
        nextFireTimes = nextFireTimes == null ? List.of() : List.copyOf(nextFireTimes);
    }

    /** When it fires, as a person reads it: the cron and its zone, or {@code every PT30S}. */
    public String timing() {
        return cron != null ? cron + " (" + timezone + ")" : "every " + every;
    }
}
