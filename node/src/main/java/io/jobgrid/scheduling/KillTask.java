package io.jobgrid.scheduling;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobState;

import java.io.Serializable;

/**
 * Sent through the grid's executor to the member running a job, to kill that attempt's process
 * tree. If it never arrives, the member's own reconcile loop kills the attempt once it sees the
 * record has moved on.
 */
final class KillTask implements Runnable, Serializable, HazelcastInstanceAware {
    static final String DISPATCHER_KEY = "jobgrid.dispatcher";

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
        Object dispatcher = hz.getUserContext().get(DISPATCHER_KEY);
        if (dispatcher instanceof Dispatcher d) {
            d.kill(new JobId(id), attempt, JobState.CANCELLED);
        }
    }
}
