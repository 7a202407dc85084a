package io.jobgrid.web;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.TooLargeException;

/** The JSON body of {@code POST /api/v1/schedules}; {@link #toSchedule()} checks it. */
record ScheduleRequest(String name, String cron, String every, String timezone, SubmitRequest job, String overlap,
                       String misfire) {

    Schedule toSchedule() {
        return Schedule.of(name, cron, every == null ? null : Schedule.period(every), Schedule.zone(timezone),
                spec(), Schedule.overlap(overlap), Schedule.misfire(misfire));
    }

    /** The job spec, its errors named under {@code job.}. */
    private JobSpec spec() {
        if (job == null) {
            return null;
        }
        try {
            return job.toSpec();
        } catch (TooLargeException e) {
            throw new TooLargeException("job." + e.field(), "job." + e.getMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field() == null ? "job" : "job." + e.field(), "job: " + e.getMessage());
        }
    }
}
