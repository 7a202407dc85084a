package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.api.JobId;
import io.jobgrid.core.Scheduler;

import java.io.Serializable;

/**
 * One Java task attempt handed to the task executor service of the member that claimed it. It
 * carries only the id and attempt: the task itself is read from the record, where the fence is.
 */
final class TaskCall implements Runnable, Serializable, HazelcastInstanceAware {
    private final String id;
    private final int attempt;
    private transient HazelcastInstance hz;

    TaskCall(JobId id, int attempt) {
        this.id = id.value();
        this.attempt = attempt;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public void run() {
        if (hz.getUserContext().get(KillTask.SCHEDULER_KEY) instanceof Scheduler scheduler) {
            scheduler.runTask(new JobId(id), attempt);
        }
    }
}
