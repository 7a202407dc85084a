package io.jobgrid.grid;

import io.jobgrid.api.JobId;
import io.jobgrid.core.Scheduler;

/**
 * One Java task attempt handed to the task executor service of the member that claimed it. It
 * carries only the id and attempt: the task itself is read from the record, where the fence is.
 */
final class TaskCall extends SchedulerCall {
    TaskCall(JobId id, int attempt) {
        super(id, attempt);
    }

    @Override
    void apply(Scheduler scheduler, JobId id, int attempt) {
        scheduler.runTask(id, attempt);
    }
}
