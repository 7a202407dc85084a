package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.api.JobId;
import io.jobgrid.core.Scheduler;

import java.io.Serializable;

/**
 * Sent through the grid's executor to the member running a job, to kill that attempt's process
 * tree. If it never arrives, the member's own reconcile loop kills the attempt once it sees the
 * record has moved on.
 */
final class KillTask implements Runnable, Serializable, HazelcastInstanceAware {
    /** Where each member's user context holds its {@link Scheduler}. */
    static final String SCHEDULER_KEY = "jobgrid.scheduler";

    private final String id;
    private final int attempt;
    private transient HazelcastInstance hz;

    KillTask(JobId id, int attempt) {
        this.id = id.value();
        this.attempt = attempt;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public void run() {
        if (hz.getUserContext().get(SCHEDULER_KEY) instanceof Scheduler scheduler) {
            scheduler.kill(new JobId(id), attempt);
        }
    }
}
