package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.jobgrid.api.JobId;
import io.jobgrid.core.TaskExecutor;

/**
 * Runs claimed Java task attempts through the Hazelcast executor service {@link GridNames#TASK_EXECUTOR}
 * on this member: a {@link TaskCall} sent to the local member, run on the service's pool, whose size is
 * the node's task slots. Placement is decided before this, by which node claims the record from the
 * work queue (as for shell jobs); the executor service is where the code runs, with Hazelcast's own
 * statistics for it ({@code getLocalExecutorStats}).
 */
public final class HzTaskExecutor implements TaskExecutor {
    private final HazelcastInstance hz;
    private final IExecutorService executor;

    public HzTaskExecutor(HazelcastInstance hz) {
        this.hz = hz;
        this.executor = hz.getExecutorService(GridNames.TASK_EXECUTOR);
    }

    @Override
    public void execute(JobId id, int attempt) {
        executor.executeOnMember(new TaskCall(id, attempt), hz.getCluster().getLocalMember());
    }
}
