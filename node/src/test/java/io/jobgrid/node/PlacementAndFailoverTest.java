package io.jobgrid.node;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.core.JobUpdates;
import io.jobgrid.core.StaleAttemptException;
import io.jobgrid.grid.HzJobStore;
import io.jobgrid.grid.internal.TestInternals;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Where jobs run, and that none is lost when a member dies. Each test gets a fresh cluster. */
class PlacementAndFailoverTest {
    private TestGrid grid;

    @BeforeEach
    void newGrid() {
        grid = new TestGrid();
    }

    @AfterEach
    void closeGrid() {
        grid.close();
    }

    @Test
    void spreadsThreeHundredJobsEvenlyOverThreeNodes() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(10));
        List<JobId> ids = new ArrayList<>();

        for (int i = 0; i < 300; i++) {
            ids.add(nodes.get(i % 3).jobs().submit(JobSpec.shell("sleep 1")));
        }

        List<JobRecord> done = awaitAll(nodes.get(0), ids, Duration.ofSeconds(90));
        Map<String, Long> perNode = done.stream().collect(Collectors.groupingBy(JobRecord::node, Collectors.counting()));
        assertThat(done).extracting(JobRecord::state).containsOnly(JobState.SUCCEEDED);
        assertThat(perNode).hasSize(3);
        assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isBetween(80L, 120L));
    }

    @Test
    void runsConstrainedJobsOnlyOnMatchingNodes() {
        GridNode plain = grid.start(s -> s.name("plain"));
        GridNode gpu = grid.start(s -> s.name("gpu-box").tags(Map.of("gpu", "true")));
        await().until(() -> plain.hazelcast().getCluster().getMembers().size() == 2);
        List<JobId> ids = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            ids.add(plain.jobs().submit(JobSpec.builder().shell("true").constraints(Map.of("gpu", "true")).build()));
        }

        assertThat(awaitAll(plain, ids, Duration.ofSeconds(30))).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(r.node()).isEqualTo("gpu-box");
        });
    }

    @Test
    void jobsWaitInTheQueueWhileAllSlotsAreBusy() {
        GridNode only = grid.start(s -> s.slots(1));
        JobId first = only.jobs().submit(JobSpec.shell("sleep 2"));
        TestGrid.awaitState(only, first, JobState.RUNNING, Duration.ofSeconds(10));

        JobId second = only.jobs().submit(JobSpec.shell("true"));

        assertThat(only.jobs().require(second).state()).isEqualTo(JobState.QUEUED);
        JobRecord done = TestGrid.awaitState(only, second, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(done.startedAt()).isAfterOrEqualTo(only.jobs().require(first).finishedAt());
    }

    @Test
    void requeuesRunningJobsWhenTheirNodeDiesAndLosesNone() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(4));
        GridNode victim = nodes.get(2);
        GridNode survivor = nodes.get(0);
        TestGrid.awaitSafe(survivor); // else the kill waits for it while the victim's jobs of 2 s end
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(nodes.get(i % 2).jobs().submit(JobSpec.shell("sleep 2")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                survivor.jobs().list(new JobQuery(JobState.RUNNING, victim.name(), 100)).size() >= 2);
        List<JobId> onVictim = survivor.jobs().list(new JobQuery(JobState.RUNNING, victim.name(), 100)).stream()
                .map(JobRecord::id).toList();

        grid.terminate(victim);

        List<JobRecord> done = awaitAll(survivor, ids, Duration.ofSeconds(90));
        assertThat(done).allSatisfy(r -> assertThat(r.state()).isEqualTo(JobState.SUCCEEDED));
        Map<JobId, JobRecord> byId = done.stream().collect(Collectors.toMap(JobRecord::id, Function.identity()));
        for (JobId id : onVictim) {
            JobRecord r = byId.get(id);
            assertThat(r.attempt()).isEqualTo(2);
            assertThat(r.attempts().get(0).outcome()).isEqualTo(Attempt.NODE_LOST);
            assertThat(r.node()).isNotEqualTo(victim.name());
        }
    }

    /**
     * Hazelcast's master pauses its partition tasks for 3 s after a failed migration, and a member
     * that dies mid-migration fails some: its backups were then promoted only after the pause,
     * and its jobs re-queued 3 s late. Here the pause is made by hand and never ends by itself,
     * so the job's record stays unreachable unless recovery lifts it.
     */
    @Test
    void requeuesADeadMembersJobsWhileHazelcastHasPausedPartitionTasks() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(20));
        GridNode master = nodes.get(0);
        GridNode victim = grid.start(s -> s.slots(20).tags(Map.of("box", "victim")));
        await().atMost(Duration.ofSeconds(30)).until(() -> master.hazelcast().getCluster().getMembers().size() == 4
                && master.hazelcast().getPartitionService().isClusterSafe());
        assertThat(master.hazelcast().getCluster().getMembers().iterator().next().localMember()).isTrue();
        // A job on the victim whose record's primary copy the victim holds: only a promotion of
        // its backup lets the survivors re-queue it.
        // (the victim owns about a quarter of the partitions: 20 tries missed once in CI; the misses
        // are cancelled, so they hold none of the victim's slots)
        JobId held = null;
        for (int i = 0; i < 200 && held == null; i++) {
            JobId id = master.jobs().submit(JobSpec.builder().shell("sleep 60").constraints(Map.of("box", "victim"))
                    .build());
            if (master.hazelcast().getPartitionService().getPartition(id.value()).getOwner().getUuid()
                    .equals(victim.hazelcast().getCluster().getLocalMember().getUuid())) {
                held = id;
            } else {
                master.jobs().cancel(id);
            }
        }
        assertThat(held).as("a job whose record the victim owns, in 200 tries").isNotNull();
        TestGrid.awaitState(master, held, JobState.RUNNING, Duration.ofSeconds(20));
        TestInternals.pausePartitionTasks(master.hazelcast());

        grid.terminate(victim);

        JobId id = held;
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().pollInterval(Duration.ofMillis(50)).until(() ->
                master.jobs().require(id).state() == JobState.QUEUED);
        assertThat(master.jobs().require(id).attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.NODE_LOST);
    }

    @Test
    void aLateResultFromAStaleAttemptIsDiscarded() {
        GridNode node = grid.start();
        JobId id = node.jobs().submit(JobSpec.shell("sleep 30"));
        JobRecord running = TestGrid.awaitState(node, id, JobState.RUNNING, Duration.ofSeconds(10));
        HzJobStore store = new HzJobStore(node.hazelcast());
        store.update(id, new JobUpdates.RequeueLost(id, running.nodeId(), running.node(), Instant.now()));

        assertThatThrownBy(() -> store.update(id, new JobUpdates.Finish(id, running.attempt(), running.nodeId(),
                JobState.SUCCEEDED, 0, null, Instant.now()))).isInstanceOf(StaleAttemptException.class);

        JobRecord after = node.jobs().require(id);
        assertThat(after.state()).isIn(JobState.QUEUED, JobState.RUNNING);
        assertThat(after.exitCode()).isNull();
        node.jobs().cancel(id);
    }

    private static List<JobRecord> awaitAll(GridNode node, List<JobId> ids, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() ->
                node.jobs().list(new JobQuery(null, null, 10_000)).stream()
                        .filter(r -> ids.contains(r.id())).allMatch(r -> r.state().isTerminal()));
        return ids.stream().map(node.jobs()::require).toList();
    }
}
