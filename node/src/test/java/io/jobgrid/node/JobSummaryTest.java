package io.jobgrid.node;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Jobs.summary}: counts by state kept by each member for the records it owns, checked
 * against the records themselves as jobs move through their states and after a member dies.
 */
class JobSummaryTest {
    private final TestGrid grid = new TestGrid();

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void countsEveryStateAsJobsMoveThroughThem() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(2));
        GridNode a = nodes.get(0);
        assertThat(a.jobs().summary()).containsOnlyKeys(JobState.values()).allSatisfy((s, n) -> assertThat(n).isZero());

        List<JobId> ok = a.jobs().submitAll(List.of(JobSpec.shell("true"), JobSpec.shell("true"), JobSpec.shell("true")));
        JobId bad = a.jobs().submit(JobSpec.shell("exit 3"));
        JobId late = a.jobs().submit(JobSpec.builder().shell("sleep 30").timeout(Duration.ofMillis(300)).build());
        JobId parent = a.jobs().submit(JobSpec.shell("sleep 60"));
        JobId waiting = a.jobs().submit(JobSpec.builder().shell("true").dependsOn(List.of(parent)).build());
        ok.forEach(id -> awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(30)));
        awaitState(a, bad, JobState.FAILED, Duration.ofSeconds(30));
        awaitState(a, late, JobState.TIMED_OUT, Duration.ofSeconds(30));
        awaitState(a, parent, JobState.RUNNING, Duration.ofSeconds(30));

        assertCountsMatchRecords(nodes.get(1), Map.of(JobState.SUCCEEDED, 3L, JobState.FAILED, 1L,
                JobState.TIMED_OUT, 1L, JobState.RUNNING, 1L, JobState.WAITING, 1L));

        a.jobs().cancel(parent); // its child is skipped
        awaitState(a, waiting, JobState.SKIPPED, Duration.ofSeconds(30));
        assertCountsMatchRecords(nodes.get(2), Map.of(JobState.SUCCEEDED, 3L, JobState.FAILED, 1L,
                JobState.TIMED_OUT, 1L, JobState.CANCELLED, 1L, JobState.SKIPPED, 1L));
    }

    @Test
    void keepsCountingTheRecordsOfAMemberThatDied() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(2));
        GridNode a = nodes.get(0);
        a.jobs().submitArray(JobSpec.shell("true"), 60).ids()
                .forEach(id -> awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(60)));
        a.jobs().submitArray(JobSpec.shell("sleep 60"), 9); // 6 run, 3 wait
        await().atMost(Duration.ofSeconds(30)).until(() -> a.jobs().summary().get(JobState.RUNNING) == 6);
        assertCountsMatchRecords(a, Map.of(JobState.SUCCEEDED, 60L, JobState.RUNNING, 6L, JobState.QUEUED, 3L));

        grid.terminate(nodes.get(2)); // its records' backups are promoted; its two running jobs go back to the queue

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<JobState, Long> counts = a.jobs().summary();
            assertThat(counts.get(JobState.SUCCEEDED)).isEqualTo(60L);
            assertThat(counts.get(JobState.RUNNING) + counts.get(JobState.QUEUED)).isEqualTo(9L);
            assertThat(counts).isEqualTo(countRecords(a));
        });
    }

    @Test
    void countsTheRecordsThatMovedToMembersWhoJoinedOnce() {
        GridNode first = grid.start(s -> s.slots(2));
        first.jobs().submitArray(JobSpec.shell("true"), 30).ids()
                .forEach(id -> awaitState(first, id, JobState.SUCCEEDED, Duration.ofSeconds(60)));
        first.jobs().submitArray(JobSpec.builder().shell("true").constraints(Map.of("pool", "none")).build(), 5);

        List<GridNode> joined = grid.start(2, s -> s.slots(2)); // partitions migrate to them
        await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getPartitionService().isClusterSafe());

        assertCountsMatchRecords(joined.get(1), Map.of(JobState.SUCCEEDED, 30L, JobState.QUEUED, 5L));
        assertCountsMatchRecords(first, Map.of(JobState.SUCCEEDED, 30L, JobState.QUEUED, 5L));
    }

    /** Waits until the summary, read from {@code node}, equals both {@code expected} (zeros elsewhere) and the records. */
    private static void assertCountsMatchRecords(GridNode node, Map<JobState, Long> expected) {
        Map<JobState, Long> all = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            all.put(s, expected.getOrDefault(s, 0L));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(node.jobs().summary()).isEqualTo(all);
            assertThat(countRecords(node)).isEqualTo(all);
        });
    }

    /** The truth: every record read and counted. */
    private static Map<JobState, Long> countRecords(GridNode node) {
        Map<JobState, Long> out = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            out.put(s, 0L);
        }
        for (JobRecord r : node.jobs().list(new JobQuery(null, null, JobQuery.MAX_LIMIT))) {
            out.merge(r.state(), 1L, Long::sum);
        }
        return out;
    }
}
