package io.jobgrid.node;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Priorities on a real two-member grid: the work queues are Hazelcast priority queues, and a node
 * with a free slot takes the best-ranked job of all the queues it serves.
 */
class PriorityTest {
    @TempDir
    Path dir;
    private TestGrid grid;

    @BeforeEach
    void start() {
        grid = new TestGrid();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    /** A job that holds the one slot of the node tagged {@code box=NAME} until the file NAME exists. */
    private JobSpec blocker(String name) {
        return JobSpec.builder().shell("while [ ! -e " + dir.resolve(name) + " ]; do sleep 0.02; done")
                .constraints(Map.of("box", name)).build();
    }

    private void release(String name) throws IOException {
        Files.createFile(dir.resolve(name));
    }

    @Test
    void aHighPriorityJobSubmittedAfterAHundredLowOnesStartsNextAndEqualOnesKeepSubmissionOrder() throws IOException {
        GridNode a = grid.start(s -> s.name("a").slots(1).tags(Map.of("box", "a")));
        GridNode b = grid.start(s -> s.name("b").slots(1).tags(Map.of("box", "b")));
        await().atMost(Duration.ofSeconds(30)).until(() -> b.hazelcast().getCluster().getMembers().size() == 2);
        JobId holdA = a.jobs().submit(blocker("a"));
        JobId holdB = b.jobs().submit(blocker("b"));
        awaitState(a, holdA, JobState.RUNNING, Duration.ofSeconds(20));
        awaitState(a, holdB, JobState.RUNNING, Duration.ofSeconds(20));
        List<JobSpec> lowSpecs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lowSpecs.add(JobSpec.builder().shell("true").name("low-" + i).priority(10).build());
        }
        List<JobId> lows = a.jobs().submitAll(lowSpecs);
        JobId high = b.jobs().submit(JobSpec.builder().shell("true").name("high").priority(90).build());

        release("a");
        JobRecord urgent = awaitState(a, high, JobState.SUCCEEDED, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                lows.stream().allMatch(id -> a.jobs().require(id).state() == JobState.SUCCEEDED));
        release("b");
        awaitState(a, holdB, JobState.SUCCEEDED, Duration.ofSeconds(20));

        List<JobRecord> ran = lows.stream().map(id -> a.jobs().require(id)).toList();
        Instant firstLow = ran.stream().map(JobRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(urgent.startedAt()).isBefore(firstLow);
        assertThat(urgent.node()).isEqualTo("a");
        assertThat(ran).allSatisfy(r -> assertThat(r.node()).isEqualTo("a"));
        List<JobId> startOrder = ran.stream().sorted(Comparator.comparing(JobRecord::startedAt)).map(JobRecord::id).toList();
        assertThat(startOrder).containsExactlyElementsOf(lows);
    }

    @Test
    void aJobArrayRunsAtItsSpecsPriorityAndItsJobsStartInIndexOrder() throws IOException {
        GridNode a = grid.start(s -> s.name("a").slots(1).tags(Map.of("box", "a")));
        GridNode b = grid.start(s -> s.name("b").slots(1).tags(Map.of("box", "b")));
        await().atMost(Duration.ofSeconds(30)).until(() -> b.hazelcast().getCluster().getMembers().size() == 2);
        JobId holdA = a.jobs().submit(blocker("a"));
        awaitState(a, holdA, JobState.RUNNING, Duration.ofSeconds(20));
        List<JobSpec> lowSpecs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lowSpecs.add(JobSpec.builder().shell("true").name("low-" + i).priority(10)
                    .constraints(Map.of("box", "a")).build());
        }
        List<JobId> lows = a.jobs().submitAll(lowSpecs);
        io.jobgrid.api.JobArray array = b.jobs().submitArray(JobSpec.builder().shell("true").name("urgent").priority(90)
                .constraints(Map.of("box", "a")).build(), 30);

        release("a");
        await().atMost(Duration.ofSeconds(90)).until(() -> java.util.stream.Stream.concat(lows.stream(), array.ids().stream())
                .allMatch(id -> a.jobs().require(id).state() == JobState.SUCCEEDED));

        List<JobRecord> members = array.ids().stream().map(id -> a.jobs().require(id)).toList();
        assertThat(members).allSatisfy(r -> assertThat(r.spec().priority()).isEqualTo(90));
        assertThat(members).extracting(r -> r.spec().array().index())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
        Instant lastMember = members.stream().map(JobRecord::startedAt).max(Comparator.naturalOrder()).orElseThrow();
        Instant firstLow = lows.stream().map(id -> a.jobs().require(id).startedAt()).min(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(lastMember).isBefore(firstLow);
        List<JobId> startOrder = members.stream().sorted(Comparator.comparing(JobRecord::startedAt)).map(JobRecord::id)
                .toList();
        assertThat(startOrder).containsExactlyElementsOf(array.ids());
    }
}
