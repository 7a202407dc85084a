package io.jobgrid.metrics;

import io.jobgrid.api.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Cluster-wide job counts, each node reporting the share whose records it owns (the primary copy
 * of their partitions): {@code jobgrid.jobs.owned{state}} for the live states and
 * {@code jobgrid.jobs.stored} for every record. Summed over all nodes ({@code sum by (state)})
 * they give the cluster's totals, counted once, with no node asking the others at scrape time.
 * The counts by state are kept as records change (the node's {@code StateCounts}), not counted at
 * scrape time.
 */
public final class ClusterJobGauges {
    private static final JobState[] LIVE = {JobState.WAITING, JobState.QUEUED, JobState.RUNNING};

    private ClusterJobGauges() {
    }

    /**
     * @param owned  records in a state owned by this member
     * @param stored all records owned by this member
     */
    public static void bind(MeterRegistry registry, ToLongFunction<JobState> owned, LongSupplier stored) {
        for (JobState state : LIVE) {
            Gauge.builder("jobgrid.jobs.owned", () -> safely(() -> owned.applyAsLong(state)))
                    .description("Jobs in this state whose records this node owns; sum over nodes for the cluster")
                    .tag("state", state.name())
                    .register(registry);
        }
        Gauge.builder("jobgrid.jobs.stored", () -> safely(stored))
                .description("Job records this node owns, in any state; sum over nodes for the cluster")
                .register(registry);
    }

    /** NaN (no sample) while the member cannot answer, e.g. while it shuts down. */
    private static double safely(LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
