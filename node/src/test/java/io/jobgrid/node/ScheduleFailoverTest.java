package io.jobgrid.node;

import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.Schedule;
import io.jobgrid.core.GridSchedules;
import io.jobgrid.grid.GridNames;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Schedules fired by the member that owns them, on a real in-JVM cluster and the real clock. */
class ScheduleFailoverTest {
    private final TestGrid grid = new TestGrid();

    @AfterEach
    void close() {
        grid.close();
    }

    @Test
    void firesExactlyOneJobPerFireTimeWhenTheOwningMemberDiesBetweenFires() {
        List<GridNode> nodes = grid.start(3, s -> s);
        // a member killed while partitions still migrate to newcomers can take data with it; a running cluster is safe
        TestGrid.awaitSafe(nodes.get(0));
        Schedule s = nodes.get(0).schedules().create(Schedule.of("tick", null, Duration.ofSeconds(1), null,
                JobSpec.command("true"), Schedule.Overlap.ALLOW, Schedule.Misfire.NONE));
        GridNode owner = ownerOf(nodes, s.id());
        assertThat(owner.hazelcast().getMap(GridNames.SCHEDULES).localKeySet()).containsExactly(s.id());
        GridNode survivor = nodes.stream().filter(n -> n != owner).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> fireTimes(survivor, s.id()).size() >= 3);

        grid.terminate(owner);
        Instant killedAt = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> fireTimes(survivor, s.id()).stream()
                .filter(t -> t.isAfter(killedAt)).count() >= 3);

        List<Instant> times = fireTimes(survivor, s.id());
        assertThat(times).doesNotHaveDuplicates().isSorted();
        assertThat(times).allMatch(t -> t.toEpochMilli() % 1000 == 0);
        GridNode newOwner = ownerOf(nodes.stream().filter(n -> n != owner).toList(), s.id());
        assertThat(newOwner).isNotSameAs(owner);
        assertThat(survivor.schedules().require(s.id()).lastFire()).isEqualTo(times.get(times.size() - 1));
    }

    @Test
    void aPausedScheduleFiresNothingAnywhereAndADeletedOneIsGone() {
        List<GridNode> nodes = grid.start(2, s -> s);
        Schedule s = nodes.get(1).schedules().create(Schedule.of("tick", null, Duration.ofSeconds(1), null,
                JobSpec.command("true"), Schedule.Overlap.ALLOW, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> !fireTimes(nodes.get(0), s.id()).isEmpty());

        nodes.get(0).schedules().pause(s.id());
        Instant pausedAt = Instant.now().plusSeconds(1); // a sweep under way may still fire the current second
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(pausedAt.plusSeconds(3)));
        assertThat(fireTimes(nodes.get(0), s.id())).allMatch(t -> !t.isAfter(pausedAt));

        nodes.get(0).schedules().delete(s.id());
        assertThat(nodes.get(1).schedules().get(s.id())).isEmpty();
        assertThat(nodes.get(1).schedules().list()).isEmpty();
    }

    private static GridNode ownerOf(List<GridNode> nodes, String id) {
        return nodes.stream().filter(n -> n.hazelcast().getPartitionService().getPartition(id).getOwner()
                .localMember()).findFirst().orElseThrow();
    }

    /** The fire times of the schedule's jobs, oldest first; a fire time with two jobs shows up twice. */
    private static List<Instant> fireTimes(GridNode node, String schedule) {
        return node.jobs().list(new JobQuery(null, null, 10_000, null)).stream()
                .map(GridSchedules::firedBy).flatMap(java.util.Optional::stream)
                .filter(e -> e.getKey().equals(schedule)).map(Map.Entry::getValue).sorted().toList();
    }
}
