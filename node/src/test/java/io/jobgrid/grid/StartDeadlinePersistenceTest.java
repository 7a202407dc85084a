package io.jobgrid.grid;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.StoreConfig;
import io.jobgrid.history.JdbcJobArchive;
import io.jobgrid.history.JobArchive;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.MutableClock;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue deadlines across a full restart: the deadlines map ({@link StartDeadlines}) lives in memory
 * only, so the cluster that loads the unstarted jobs from the history store must note their
 * deadlines again, or those jobs would wait for ever past them.
 */
class StartDeadlinePersistenceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dataDir;
    private final List<TestGrid> grids = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private JobArchive archive;

    @BeforeEach
    void openArchive() {
        archive = JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null); // the test's own view of the files
    }

    @AfterEach
    void closeAll() {
        grids.forEach(TestGrid::close);
        archive.close();
    }

    @Test
    void unstartedJobsStillExpireAfterEveryMemberDiedAndTheClusterCameBackFromTheStore() {
        TestGrid first = grid();
        List<GridNode> before = start(first);
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(before.get(i % 2).jobs().submit(JobSpec.builder().shell("echo never")
                    .constraints(Map.of("gpu", "none")).startWithin(Duration.ofMinutes(10)).build()));
        }
        JobId later = before.get(0).jobs().submit(JobSpec.builder().shell("echo never")
                .constraints(Map.of("gpu", "none")).startWithin(Duration.ofHours(1)).build());
        await().atMost(WAIT).until(() -> archive.unfinishedIds().size() == ids.size() + 1);

        first.powerCut(before);
        clock.advance(Duration.ofMinutes(10));
        GridNode b = start(grid()).get(1);

        for (JobId id : ids) {
            JobRecord r = TestGrid.awaitState(b, id, JobState.CANCELLED, WAIT);
            assertThat(r.error()).isEqualTo("not started within PT10M");
        }
        assertThat(b.jobs().require(later).state()).isEqualTo(JobState.QUEUED);
        clock.advance(Duration.ofMinutes(50));
        assertThat(TestGrid.awaitState(b, later, JobState.CANCELLED, WAIT).error()).isEqualTo("not started within PT1H");
    }

    private TestGrid grid() {
        TestGrid g = new TestGrid();
        grids.add(g);
        return g;
    }

    private List<GridNode> start(TestGrid grid) {
        UnaryOperator<NodeConfig.Builder> settings = s -> s.dataDir(dataDir).store(new StoreConfig.Builder()
                .writeDelaySeconds(0));
        List<GridNode> nodes = new ArrayList<>();
        nodes.add(grid.start(settings, clock));
        nodes.add(grid.start(settings, clock));
        await().atMost(WAIT).until(() -> nodes.get(1).hazelcast().getCluster().getMembers().size() == 2);
        return nodes;
    }
}
