package io.jobgrid.scheduling;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.cluster.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
