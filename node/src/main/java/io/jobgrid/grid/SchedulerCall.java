package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.api.JobId;
import io.jobgrid.core.Scheduler;

import java.io.Serializable;

/**
 * A message for one attempt, sent through a grid executor to the member that holds it and
 * applied there to that member's {@link Scheduler} (found in its user context). It carries only
 * the id and attempt: what to do with them is read from the record, where the fence is.
 */
abstract class SchedulerCall implements Runnable, Serializable, HazelcastInstanceAware {
    /** Where each member's user context holds its {@link Scheduler}. */
    static final String SCHEDULER_KEY = "jobgrid.scheduler";

    private final String id;
    private final int attempt;
    private transient HazelcastInstance hz;

    SchedulerCall(JobId id, int attempt) {
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
            apply(scheduler, new JobId(id), attempt);
        }
    }

    /** What this message does to the attempt on the member that received it. */
    abstract void apply(Scheduler scheduler, JobId id, int attempt);
}
