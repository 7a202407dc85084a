package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.cluster.Member;
import io.jobgrid.api.JobState;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Asks one member for its {@link StateCounts}: sent to every member at once, whose answers add up
 * to the cluster's counts, each record counted by the one member that owns it.
 */
final class SummaryCall implements Callable<long[]>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private static final int TRIES = 3;
    private transient HazelcastInstance hz;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hz = instance;
    }

    /** Zeros from a member that keeps no counts (one that holds no records: it owns no partition). */
    @Override
    public long[] call() {
        if (hz.getUserContext().get(StateCounts.KEY) instanceof StateCounts counts) {
            return counts.local();
        }
        return new long[JobState.values().length];
    }

    /**
     * The cluster's counts: every member's added up. A member that leaves while answering makes the
     * whole question asked again (its partitions moved to the others), up to three times.
     */
    static Map<JobState, Long> cluster(HazelcastInstance hz) {
        IExecutorService executor = hz.getExecutorService(GridNames.EXECUTOR);
        for (int attempt = 1; ; attempt++) {
            long[] sum = new long[JobState.values().length];
            try {
                Map<Member, Future<long[]>> answers = executor.submitToAllMembers(new SummaryCall());
                for (Future<long[]> answer : answers.values()) {
                    long[] counts = answer.get();
                    for (int s = 0; s < sum.length; s++) {
                        sum[s] += counts[s];
                    }
                }
                Map<JobState, Long> out = new EnumMap<>(JobState.class);
                for (JobState s : JobState.values()) {
                    out.put(s, sum[s.ordinal()]);
                }
                return out;
            } catch (ExecutionException e) {
                if (attempt == TRIES) {
                    throw new IllegalStateException("cannot count the jobs: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting the jobs", e);
            }
        }
    }
}
