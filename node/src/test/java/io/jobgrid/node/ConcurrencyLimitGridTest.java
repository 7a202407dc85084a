package io.jobgrid.node;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A concurrency limit across a real in-JVM cluster of three members, one of them killed while it
 * runs a job of the key: at no moment do more jobs of the key run than its limit, judged from every
 * attempt's start and finish times in the records (a lost attempt ends when recovery queued it
 * again, which is when its permit is released), and every job still succeeds.
 */
class ConcurrencyLimitGridTest {
    private static final int JOBS = 30;
    private static final int LIMIT = 2;

    private final TestGrid grid = new TestGrid();

    @AfterEach
    void close() {
        grid.close();
    }

    @Test
    void neverRunsMoreThanTheLimitAcrossTheClusterEvenWhenAMemberDies() {
        List<GridNode> nodes = grid.start(3, s -> s.slots(4));
        TestGrid.awaitSafe(nodes.get(0));
        GridNode first = nodes.get(0);
        first.limits().set("db", LIMIT);
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(first.jobs().submit(JobSpec.builder().concurrencyKey("db").shell("sleep 1").build()));
        }
        // kill a member other than the one the test talks to while it runs a job of the key
        GridNode victim = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> runningOnOther(first, ids, nodes), Optional::isPresent).orElseThrow();
        grid.terminate(victim);

        List<JobRecord> done = new ArrayList<>();
        for (JobId id : ids) {
            done.add(TestGrid.awaitState(first, id, JobState.SUCCEEDED, Duration.ofSeconds(120)));
        }

        assertThat(done).as("some attempt was lost with the victim").anyMatch(r -> r.attempts().stream()
                .anyMatch(a -> Attempt.NODE_LOST.equals(a.outcome())));
        assertThat(mostAtOnce(done)).as("jobs of key db running at once").isEqualTo(LIMIT);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.limits().get("db").orElseThrow().running() == 0);
    }

    private static Optional<GridNode> runningOnOther(GridNode first, List<JobId> ids, List<GridNode> nodes) {
        for (JobId id : ids) {
            JobRecord r = first.jobs().get(id).orElseThrow();
            if (r.state() == JobState.RUNNING) {
                Optional<GridNode> on = nodes.stream().filter(n -> n != first && n.name().equals(r.node())).findFirst();
                if (on.isPresent()) {
                    return on;
                }
            }
        }
        return Optional.empty();
    }

    /** The most attempts whose [start, finish] overlap; an end at the same instant as a start comes first. */
    private static int mostAtOnce(List<JobRecord> records) {
        List<Map.Entry<Instant, Integer>> edges = new ArrayList<>();
        for (JobRecord r : records) {
            for (Attempt a : r.attempts()) {
                assertThat(a.startedAt()).as("attempt %s of %s started", a.attempt(), r.id()).isNotNull();
                assertThat(a.finishedAt()).as("attempt %s of %s ended", a.attempt(), r.id()).isNotNull();
                edges.add(Map.entry(a.startedAt(), 1));
                edges.add(Map.entry(a.finishedAt(), -1));
            }
        }
        edges.sort(Map.Entry.<Instant, Integer>comparingByKey().thenComparing(Map.Entry::getValue));
        int now = 0;
        int most = 0;
        for (Map.Entry<Instant, Integer> e : edges) {
            now += e.getValue();
            most = Math.max(most, now);
        }
        return most;
    }
}
