package io.jobgrid.grid;

import io.jobgrid.api.JobArray;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One member's counts by state, on a real cluster, with no periodic check between partition moves. */
class StateCountsTest {
    private final TestGrid grid = new TestGrid();
    /** A timer that never runs the counts' periodic check: only a count itself checks what moved. */
    private final ScheduledThreadPoolExecutor never = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    };

    @AfterEach
    void close() {
        never.shutdownNow();
        grid.close();
    }

    @Test
    void partitionsThatLeaveAndComeBackBetweenTwoCountsAreCountedAgain() {
        List<GridNode> two = grid.start(2, s -> s.slots(2));
        GridNode a = two.get(0);
        JobSpec parked = JobSpec.builder().shell("true").constraints(Map.of("pool", "none")).build();
        JobArray array = a.jobs().submitArray(parked, 300);
        TestGrid.awaitSafe(a); // the second member's partitions have moved: what a owns holds still
        StateCounts counts = new StateCounts(a.hazelcast()).start(never);
        assertThat(counts.local()).isEqualTo(localRecordsByState(a)); // every partition it owns is read

        // a member joins, records change while their partitions are on it, and it leaves: the
        // partitions come back to a, which counted them before and has not counted since
        GridNode c = grid.start(s -> s.slots(2));
        TestGrid.awaitSafe(a);
        a.jobs().cancelArray(array.id());
        c.close();
        TestGrid.awaitSafe(a);

        long[] now = localRecordsByState(a);
        assertThat(now[JobState.CANCELLED.ordinal()]).isPositive();
        assertThat(counts.local()).isEqualTo(now);
        counts.stop();
    }

    private static long[] localRecordsByState(GridNode node) {
        var jobs = node.hazelcast().<String, JobRecord>getMap(GridNames.JOBS);
        long[] out = new long[JobState.values().length];
        jobs.getAll(jobs.localKeySet()).values().forEach(r -> out[r.state().ordinal()]++);
        return out;
    }
}
