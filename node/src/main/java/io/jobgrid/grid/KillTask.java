package io.jobgrid.grid;

import io.jobgrid.api.JobId;
import io.jobgrid.core.Scheduler;

/**
 * Sent through the grid's executor to the member running a job, to kill that attempt's process
 * tree. If it never arrives, the member's own reconcile loop kills the attempt once it sees the
 * record has moved on.
 */
final class KillTask extends SchedulerCall {
    KillTask(JobId id, int attempt) {
        super(id, attempt);
    }

    @Override
    void apply(Scheduler scheduler, JobId id, int attempt) {
        scheduler.kill(id, attempt);
    }
}
