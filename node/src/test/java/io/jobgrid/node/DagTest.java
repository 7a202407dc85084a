package io.jobgrid.node;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.IllegalStateChangeException;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Jobs that depend on jobs: release, failure propagation, cascade cancel, bad graphs, member death. */
class DagTest {
    private TestGrid grid;
    private GridNode a;
    private GridNode b;

    @BeforeEach
    void start() {
        grid = new TestGrid();
        List<GridNode> nodes = grid.start(2, s -> s.slots(4));
        a = nodes.get(0);
        b = nodes.get(1);
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void releasesAChildOnlyWhenEveryParentHasSucceeded() {
        // Long enough that a stalled machine does not finish it before the child is even submitted.
        JobId p1 = a.jobs().submit(JobSpec.shell("sleep 4"));
        JobId p2 = a.jobs().submit(JobSpec.shell("true"));

        JobId child = b.jobs().submit(JobSpec.builder().shell("true").dependsOn(List.of(p1, p2)).build());

        assertThat(a.jobs().require(child).state()).isEqualTo(JobState.WAITING);
        JobRecord done = awaitState(a, child, JobState.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(done.startedAt()).isAfterOrEqualTo(a.jobs().require(p1).finishedAt());
        assertThat(done.parents()).containsExactly(p1, p2);
        assertThat(a.jobs().require(p1).children()).containsExactly(child);
    }

    @Test
    void aChildOfAnAlreadySucceededParentRunsAtOnce() {
        JobId parent = a.jobs().submit(JobSpec.shell("true"));
        awaitState(a, parent, JobState.SUCCEEDED, Duration.ofSeconds(20));

        JobId child = a.jobs().submit(JobSpec.builder().shell("true").dependsOn(List.of(parent)).build());

        awaitState(a, child, JobState.SUCCEEDED, Duration.ofSeconds(20));
    }

    @Test
    void aFailedParentSkipsItsDescendantsNamingTheParent() {
        Map<String, JobId> ids = a.jobs().submitDag(List.of(
                new DagJob("fail", JobSpec.shell("exit 1"), List.of()),
                new DagJob("mid", JobSpec.shell("true"), List.of("fail")),
                new DagJob("leaf", JobSpec.shell("true"), List.of("mid"))));

        JobRecord leaf = awaitState(a, ids.get("leaf"), JobState.SKIPPED, Duration.ofSeconds(20));

        assertThat(a.jobs().require(ids.get("fail")).state()).isEqualTo(JobState.FAILED);
        assertThat(a.jobs().require(ids.get("mid")).error()).isEqualTo("parent " + ids.get("fail") + " ended FAILED");
        assertThat(leaf.error()).isEqualTo("parent " + ids.get("mid") + " ended SKIPPED");
    }

    @Test
    void runsADagInDependencyOrder() {
        Map<String, JobId> ids = b.jobs().submitDag(List.of(
                new DagJob("report", JobSpec.shell("true"), List.of("left", "right")),
                new DagJob("left", JobSpec.shell("sleep 0.3"), List.of("fetch")),
                new DagJob("right", JobSpec.shell("true"), List.of("fetch")),
                new DagJob("fetch", JobSpec.shell("true"), List.of())));

        JobRecord report = awaitState(a, ids.get("report"), JobState.SUCCEEDED, Duration.ofSeconds(20));

        JobRecord left = a.jobs().require(ids.get("left"));
        JobRecord fetch = a.jobs().require(ids.get("fetch"));
        assertThat(report.startedAt()).isAfterOrEqualTo(left.finishedAt());
        assertThat(left.startedAt()).isAfterOrEqualTo(fetch.finishedAt());
        assertThat(fetch.children()).containsExactlyInAnyOrder(ids.get("left"), ids.get("right"));
        assertThat(a.jobs().dag(ids.get("right"))).extracting(JobRecord::id)
                .containsExactlyInAnyOrderElementsOf(ids.values());
    }

    @Test
    void cascadeCancelStopsEveryUnfinishedDescendant() {
        Map<String, JobId> ids = a.jobs().submitDag(List.of(
                new DagJob("root", JobSpec.shell("sleep 30"), List.of()),
                new DagJob("kid", JobSpec.shell("true"), List.of("root")),
                new DagJob("grandkid", JobSpec.shell("true"), List.of("kid"))));
        awaitState(a, ids.get("root"), JobState.RUNNING, Duration.ofSeconds(20));

        b.jobs().cancel(ids.get("root"), true);

        assertThat(List.of("root", "kid", "grandkid")).allSatisfy(k ->
                assertThat(a.jobs().require(ids.get(k)).state()).isEqualTo(JobState.CANCELLED));
    }

    @Test
    void cascadeFromAFinishedJobStopsWhatIsLeftBelowIt() {
        Map<String, JobId> ids = a.jobs().submitDag(List.of(
                new DagJob("root", JobSpec.shell("true"), List.of()),
                new DagJob("kid", JobSpec.shell("sleep 30"), List.of("root")),
                new DagJob("grandkid", JobSpec.shell("true"), List.of("kid"))));
        awaitState(a, ids.get("kid"), JobState.RUNNING, Duration.ofSeconds(20));

        assertThatThrownBy(() -> a.jobs().cancel(ids.get("root"))).isInstanceOf(IllegalStateChangeException.class);
        JobRecord root = b.jobs().cancel(ids.get("root"), true);

        assertThat(root.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(List.of("kid", "grandkid")).allSatisfy(k ->
                assertThat(a.jobs().require(ids.get(k)).state()).isEqualTo(JobState.CANCELLED));
    }

    @Test
    void cancelWithoutCascadeSkipsTheChildren() {
        Map<String, JobId> ids = a.jobs().submitDag(List.of(
                new DagJob("root", JobSpec.shell("sleep 30"), List.of()),
                new DagJob("kid", JobSpec.shell("true"), List.of("root"))));
        awaitState(a, ids.get("root"), JobState.RUNNING, Duration.ofSeconds(20));

        a.jobs().cancel(ids.get("root"));

        assertThat(awaitState(a, ids.get("kid"), JobState.SKIPPED, Duration.ofSeconds(10)).error())
                .contains("ended CANCELLED");
    }

    @Test
    void refusesBadGraphsNamingTheKeysAndStoresNothing() {
        int before = a.jobs().list(new JobQuery(null, null, 10_000)).size();

        assertRefused(List.of(dag("x", "y"), dag("y", "z"), dag("z", "x")), "cycle through x -> z -> y -> x");
        assertRefused(List.of(dag("x", "x")), "runs after itself");
        assertRefused(List.of(dag("x", "ghost")), "unknown key 'ghost'");
        assertRefused(List.of(dag("x"), dag("x")), "duplicate key 'x'");
        assertThatThrownBy(() -> a.jobs().submit(JobSpec.builder().shell("true")
                .dependsOn(List.of(JobId.of(12345))).build())).hasMessageContaining("does not exist");

        assertThat(a.jobs().list(new JobQuery(null, null, 10_000))).hasSize(before);
    }

    @Test
    void losesNothingWhenAMemberDiesMidDag() {
        GridNode c = grid.start(s -> s.slots(4));
        await().until(() -> a.hazelcast().getCluster().getMembers().size() == 3);
        Map<String, JobId> ids = a.jobs().submitDag(List.of(
                new DagJob("s1", JobSpec.shell("sleep 1"), List.of()),
                new DagJob("s2", JobSpec.shell("sleep 1"), List.of()),
                new DagJob("s3", JobSpec.shell("sleep 1"), List.of()),
                new DagJob("join", JobSpec.shell("true"), List.of("s1", "s2", "s3")),
                new DagJob("after", JobSpec.shell("true"), List.of("join"))));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                a.jobs().list(new JobQuery(JobState.RUNNING, c.name(), 10)).size() > 0
                        || a.jobs().list(new JobQuery(JobState.SUCCEEDED, null, 10)).size() >= 3);

        grid.terminate(c);

        awaitState(a, ids.get("after"), JobState.SUCCEEDED, Duration.ofSeconds(60));
        assertThat(ids.values()).allSatisfy(id ->
                assertThat(a.jobs().require(id).state()).isEqualTo(JobState.SUCCEEDED));
    }

    private void assertRefused(List<DagJob> jobs, String message) {
        assertThatThrownBy(() -> a.jobs().submitDag(jobs)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    private static DagJob dag(String key, String... after) {
        return new DagJob(key, JobSpec.shell("true"), List.of(after));
    }
}
