package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.cluster.Member;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.NotReadyException;
import io.jobgrid.core.TaskExecutor;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs claimed Java task attempts through the Hazelcast executor service {@link GridNames#TASK_EXECUTOR}
 * on this member: a {@link TaskCall} sent to the local member, run on the service's pool, whose size is
 * the node's task slots. Placement is decided before this, by which node claims the record from the
 * work queue (as for shell jobs); the executor service is where the code runs, with Hazelcast's own
 * statistics for it ({@code getLocalExecutorStats}).
 */
public final class HzTaskExecutor implements TaskExecutor {
    /** How long a submission waits for another member to check a named task's arguments. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(5);
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

    /**
     * Asks every other member (on the grid's general executor, not the task pool, which may have no
     * threads on this member) and throws the first refusal; members without the type answer null.
     */
    @Override
    public void checkArgsElsewhere(String type, Map<String, String> args) {
        Set<Member> others = new HashSet<>(hz.getCluster().getMembers());
        others.remove(hz.getCluster().getLocalMember());
        if (others.isEmpty()) {
            return;
        }
        Map<Member, Future<String[]>> answers = hz.getExecutorService(GridNames.EXECUTOR)
                .submitToMembers(new TaskArgsCheck(type, args), others);
        for (Future<String[]> answer : answers.values()) {
            String[] refused = await(answer);
            if (refused != null) {
                throw new InvalidInputException(refused[0], refused[1]);
            }
        }
    }

    private static String[] await(Future<String[]> answer) {
        try {
            return answer.get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while the task's arguments were checked");
        } catch (ExecutionException | TimeoutException e) {
            return null; // that member is gone or slow: the others answer, and the attempt checks again
        }
    }
}
