package io.jobgrid.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.jobgrid.api.JobId;
import io.jobgrid.core.RemoteControl;
import io.jobgrid.core.Scheduler;

import java.util.UUID;

/** Kills a remote attempt with a {@link KillTask} sent through the grid's executor to its member. */
public final class HzRemoteControl implements RemoteControl {
    private final HazelcastInstance hz;
    private final IExecutorService executor;

    public HzRemoteControl(HazelcastInstance hz) {
        this.hz = hz;
        this.executor = hz.getExecutorService(GridNames.EXECUTOR);
    }

    /** Makes this member's {@code scheduler} the one that kill messages sent here reach. */
    public static void serve(HazelcastInstance hz, Scheduler scheduler) {
        hz.getUserContext().put(SchedulerCall.SCHEDULER_KEY, scheduler);
    }

    @Override
    public void kill(String nodeId, JobId id, int attempt) {
        UUID uuid = UUID.fromString(nodeId);
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().equals(uuid)) {
                executor.executeOnMember(new KillTask(id, attempt), m);
                return;
            }
        }
    }
}
