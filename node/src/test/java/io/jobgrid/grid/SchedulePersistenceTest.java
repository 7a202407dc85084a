package io.jobgrid.grid;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.ScheduleFire;
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
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules in the durable history: every member of a cluster dies at once and a new cluster on the same
 * data dir fires on, one job per fire time, on a clock the test moves (so "the cluster was down for four
 * minutes" takes no time).
 */
class SchedulePersistenceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dataDir;
    private final List<TestGrid> grids = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOON.plusMillis(500));
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

    /**
     * The worst moment to lose every member: a fire's job is stored, but the schedule's move past that fire
     * time is not (the test puts the schedule's older stored copy back, as if the cut came between the two).
     * The idempotency keys lived in memory only; the new cluster must still not fire that time again.
     */
    @Test
    void aFireWhoseJobWasStoredIsNotFiredAgainAfterAFullRestart() {
        TestGrid first = grid();
        List<GridNode> before = start(first);
        Schedule s = before.get(0).schedules().create(everyMinute("tick", Schedule.Misfire.ONE));
        moveTo(minute(1));
        awaitFired(before.get(0), s.id(), minute(1));
        Schedule storedAtOne = awaitStored(s.id(), minute(1));
        moveTo(minute(2));
        JobId atTwo = awaitFired(before.get(0), s.id(), minute(1), minute(2));
        awaitStored(s.id(), minute(2));

        first.powerCut(before);
        archive.storeSchedules(List.of(storedAtOne)); // the move past 12:02 never reached the store
        clock.advance(Duration.ofSeconds(1));
        List<GridNode> after = start(grid());

        GridNode b = after.get(1);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> fireTimes(b, s.id()).equals(
                List.of(minute(1), minute(2))));
        assertThat(b.schedules().require(s.id()).lastJob()).isEqualTo(atTwo);
        moveTo(minute(3));
        awaitFired(b, s.id(), minute(1), minute(2), minute(3));
    }

    @Test
    void aMissedFireIsMadeUpOnceAfterAFullRestartWithMisfireOneAndNotWithNone() {
        TestGrid first = grid();
        List<GridNode> before = start(first);
        Schedule one = before.get(0).schedules().create(everyMinute("one", Schedule.Misfire.ONE));
        Schedule none = before.get(1).schedules().create(everyMinute("none", Schedule.Misfire.NONE));
        moveTo(minute(1));
        awaitFired(before.get(0), one.id(), minute(1));
        awaitFired(before.get(0), none.id(), minute(1));
        awaitStored(one.id(), minute(1));
        awaitStored(none.id(), minute(1));

        first.powerCut(before);
        clock.advance(Duration.ofSeconds(270)); // down from 12:01 to 12:05:30: 12:02 to 12:05 missed
        List<GridNode> after = start(grid());

        GridNode b = after.get(0);
        awaitFired(b, one.id(), minute(1), minute(5));
        await().atMost(WAIT).until(() -> b.schedules().require(none.id()).firedUntil().equals(minute(5)));
        assertThat(fireTimes(b, none.id())).containsExactly(minute(1));
        moveTo(minute(6));
        awaitFired(b, one.id(), minute(1), minute(5), minute(6));
        awaitFired(b, none.id(), minute(1), minute(6));
        assertThat(b.schedules().list()).extracting(Schedule::id).containsExactlyInAnyOrder(one.id(), none.id());
    }

    @Test
    void aDeletedOrPausedScheduleStaysSoAfterAFullRestart() {
        TestGrid first = grid();
        List<GridNode> before = start(first);
        Schedule gone = before.get(0).schedules().create(everyMinute("gone", Schedule.Misfire.ONE));
        Schedule paused = before.get(0).schedules().create(everyMinute("paused", Schedule.Misfire.ONE));
        before.get(1).schedules().delete(gone.id());
        before.get(1).schedules().pause(paused.id());

        first.powerCut(before);
        List<GridNode> after = start(grid());

        GridNode b = after.get(0);
        assertThat(b.schedules().get(gone.id())).isEmpty();
        assertThat(b.schedules().list()).extracting(Schedule::id).containsExactly(paused.id());
        assertThat(b.schedules().require(paused.id()).paused()).isTrue();
        moveTo(minute(1));
        await().atMost(WAIT).until(() -> b.schedules().require(paused.id()).firedUntil().equals(clock.instant()));
        assertThat(fireTimes(b, paused.id())).isEmpty();
    }

    private static Schedule everyMinute(String name, Schedule.Misfire misfire) {
        return Schedule.of(name, null, Duration.ofMinutes(1), null, JobSpec.command("true"), Schedule.Overlap.ALLOW,
                misfire);
    }

    private static Instant minute(int n) {
        return NOON.plus(Duration.ofMinutes(n));
    }

    /** Half a second past {@code fireTime}: due, and not late enough to be missed. */
    private void moveTo(Instant fireTime) {
        clock.advance(Duration.between(clock.instant(), fireTime.plusMillis(500)));
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

    /** Waits until the schedule's jobs are exactly one per {@code times}; answers the job of the last. */
    private static JobId awaitFired(GridNode node, String schedule, Instant... times) {
        await().atMost(WAIT).until(() -> fireTimes(node, schedule).equals(List.of(times)));
        return node.jobs().list(new JobQuery(null, null, 1).firedBy(schedule)).get(0).id();
    }

    /** The schedule as the archive holds it, once it has moved to {@code firedUntil}. */
    private Schedule awaitStored(String id, Instant firedUntil) {
        await().atMost(WAIT).until(() -> {
            Schedule stored = archive.loadSchedules(List.of(id)).get(id);
            return stored != null && stored.firedUntil().equals(firedUntil);
        });
        return archive.loadSchedules(List.of(id)).get(id);
    }

    /** The fire times of the schedule's jobs as listed by schedule, oldest first; one fired twice shows twice. */
    private static List<Instant> fireTimes(GridNode node, String schedule) {
        List<JobRecord> fired = node.jobs().list(new JobQuery(null, null, 1000).firedBy(schedule));
        assertThat(fired).allMatch(r -> schedule.equals(ScheduleFire.scheduleOf(r)));
        return fired.stream().map(r -> ScheduleFire.of(r).orElseThrow().fireTime()).sorted().toList();
    }

    private TestGrid grid() {
        TestGrid g = new TestGrid();
        grids.add(g);
        return g;
    }
}
