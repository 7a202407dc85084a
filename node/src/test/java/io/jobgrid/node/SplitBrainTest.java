package io.jobgrid.node;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.membership.HeartbeatLog;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.hazelcast.test.HazelcastTestSupport.closeConnectionBetween;
import static com.hazelcast.test.SplitBrainTestSupport.blockCommunicationBetween;
import static com.hazelcast.test.SplitBrainTestSupport.unblockCommunicationBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member cut off from the majority (Hazelcast's test firewall between in-JVM members) stops its
 * jobs; the majority re-runs them; after the heal the sides merge and no job is lost.
 */
class SplitBrainTest {
    /** Detector deadline 3 s, last heartbeat up to 1 s before the cut, checks every 250 ms, and slack. */
    private static final Duration MINORITY_STOP = Duration.ofSeconds(6);
    private TestGrid grid;

    @BeforeEach
    void start() {
        grid = new TestGrid();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void theMinorityStopsItsJobsTheMajorityReRunsThemAndTheMergeLosesNothing() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(2));
        GridNode a = nodes.get(0);
        GridNode b = nodes.get(1);
        GridNode cut = nodes.get(2);
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(a.jobs().submit(JobSpec.shell("sleep 4")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                a.jobs().list(new JobQuery(JobState.RUNNING, cut.name(), 10)).size() >= 1);
        List<JobId> onCut = a.jobs().list(new JobQuery(JobState.RUNNING, cut.name(), 10)).stream()
                .map(JobRecord::id).toList();

        split(cut.hazelcast(), a.hazelcast(), b.hazelcast());

        await().atMost(Duration.ofSeconds(30)).until(() -> cut.nodes().self().running() == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id ->
                a.jobs().require(id).state() == JobState.SUCCEEDED));
        for (JobId id : onCut) {
            assertThat(a.jobs().require(id).attempt()).isEqualTo(2);
            assertThat(a.jobs().require(id).node()).isNotEqualTo(cut.name());
        }

        heal(cut.hazelcast(), a.hazelcast(), b.hazelcast());

        await().atMost(Duration.ofSeconds(90)).until(() -> cut.hazelcast().getCluster().getMembers().size() == 3);
        for (JobId id : ids) {
            assertThat(cut.jobs().require(id).state()).as(id.value()).isEqualTo(JobState.SUCCEEDED);
        }
        JobId after = cut.jobs().submit(JobSpec.shell("true"));
        assertThat(TestGrid.awaitState(a, after, JobState.SUCCEEDED, Duration.ofSeconds(30)).attempt()).isEqualTo(1);
    }

    /**
     * A silent cut (packets dropped, connections left open, as when a link goes down) that
     * reaches the master first: the cut-off member then suspects the master before the other
     * member, claims mastership, and Hazelcast 5.7's claim waits 5 s for the member it can no
     * longer reach before its member list shrinks. It must stop its jobs when the heartbeats stop,
     * within the detector's deadline (3 s by default), not wait for the list. After the heal it
     * takes jobs again.
     */
    @Test
    void aCutOffMemberStopsItsJobsWithinTheDetectorDeadlineEvenWhileClaimingMastership() {
        AtomicInteger n = new AtomicInteger();
        List<GridNode> nodes = grid.start(3, s -> s.slots(4).tags(Map.of("n", Integer.toString(n.incrementAndGet()))));
        GridNode master = nodes.get(0);
        GridNode cut = nodes.get(1); // next in line after the master: it claims mastership
        GridNode other = nodes.get(2);
        Map<String, String> onCut = Map.of("n", "2");
        for (int i = 0; i < 2; i++) {
            master.jobs().submit(JobSpec.builder().shell("sleep 60").constraints(onCut).build());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> cut.nodes().self().running() == 2);
        HeartbeatLog heard = HeartbeatLog.of(cut.hazelcast());
        UUID masterId = master.hazelcast().getCluster().getLocalMember().getUuid();

        blockCommunicationBetween(cut.hazelcast(), master.hazelcast());
        // More than a detector tick (1 s) between the two last heartbeats, so the master is suspected first.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.nanoTime() - heard.lastHeard(masterId) > Duration.ofMillis(2200).toNanos());
        long cutAt = System.nanoTime();
        blockCommunicationBetween(cut.hazelcast(), other.hazelcast());

        await().atMost(MINORITY_STOP).pollInterval(Duration.ofMillis(50))
                .until(() -> cut.nodes().self().running() == 0);
        System.err.printf("SplitBrainTest: the cut-off member stopped its jobs %d ms after the cut was complete%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt));

        unblockCommunicationBetween(cut.hazelcast(), master.hazelcast());
        unblockCommunicationBetween(cut.hazelcast(), other.hazelcast());
        await().atMost(Duration.ofSeconds(90)).until(() -> cut.hazelcast().getCluster().getMembers().size() == 3
                && master.hazelcast().getCluster().getMembers().size() == 3);
        JobId after = master.jobs().submit(JobSpec.builder().shell("true").constraints(onCut).build());
        assertThat(TestGrid.awaitState(master, after, JobState.SUCCEEDED, Duration.ofSeconds(30)).node())
                .isEqualTo(cut.name());
    }

    private static void split(HazelcastInstance lone, HazelcastInstance... rest) {
        for (HazelcastInstance other : rest) {
            blockCommunicationBetween(lone, other);
            closeConnectionBetween(lone, other);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> lone.getCluster().getMembers().size() == 1
                && rest[0].getCluster().getMembers().size() == rest.length);
    }

    private static void heal(HazelcastInstance lone, HazelcastInstance... rest) {
        for (HazelcastInstance other : rest) {
            unblockCommunicationBetween(lone, other);
        }
    }
}
