package io.jobgrid.core;

import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Schedule;
import io.jobgrid.core.memory.MemoryScheduleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When schedules fire, on in-memory ports with a clock the test moves and sweeps called by hand. The node
 * is not started, so a fired job stays QUEUED (not ended) until the test cancels it.
 */
class ScheduleFiringTest {
    private static final JobSpec TRUE = JobSpec.command("true");

    private final MemoryNode node = MemoryNode.withSlots(1);
    private final MemoryScheduleStore store = new MemoryScheduleStore();
    private final GridSchedules schedules = new GridSchedules(store, node.jobs(), node.clock, () -> true);

    @AfterEach
    void close() {
        node.close();
    }

    private Schedule every(int seconds, Schedule.Overlap overlap, Schedule.Misfire misfire) {
        return schedules.create(Schedule.of("tick", null, Duration.ofSeconds(seconds), null, TRUE, overlap, misfire));
    }

    private List<JobRecord> fired() {
        return node.jobs().list(new JobQuery(null, null, 1000, null)).stream()
                .sorted(Comparator.comparing(JobRecord::id)).toList();
    }

    private List<Instant> fireTimes() {
        return fired().stream().map(j -> GridSchedules.firedBy(j).orElseThrow().getValue()).toList();
    }

    private void at(String instant) {
        node.clock.advance(Duration.between(node.clock.instant(), Instant.parse(instant)));
        schedules.sweep();
    }

    private void endAll() {
        fired().stream().filter(j -> !j.state().isTerminal()).forEach(j -> node.jobs().cancel(j.id()));
    }

    @Test
    void firesOnTimeOnceForEachFireTimeWithTheJobTellingWhereItCameFrom() {
        Schedule s = every(10, Schedule.Overlap.ALLOW, null); // created at T0 = 2026-01-01T00:00:00Z
        at("2026-01-01T00:00:09.900Z");
        assertThat(fired()).isEmpty();
        at("2026-01-01T00:00:10Z");
        at("2026-01-01T00:00:10.250Z");
        at("2026-01-01T00:00:20.100Z");

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:20Z"));
        JobRecord first = fired().get(0);
        assertThat(first.spec().idempotencyKey()).isEqualTo("schedule:" + s.id() + ":" + Instant.parse(
                "2026-01-01T00:00:10Z").toEpochMilli());
        assertThat(GridSchedules.firedBy(first)).contains(Map.entry(s.id(), Instant.parse("2026-01-01T00:00:10Z")));
        assertThat(first.spec().name()).isEqualTo("tick");
        assertThat(schedules.require(s.id()).lastFire()).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(schedules.require(s.id()).lastJob()).isEqualTo(fired().get(1).id());
    }

    @Test
    void catchUpMovesPastAStoredFireItsScheduleDidNotRecordAndLeavesTheRestAlone() {
        Schedule s = every(10, Schedule.Overlap.ALLOW, null);
        Schedule other = every(10, Schedule.Overlap.ALLOW, null);
        at("2026-01-01T00:00:10.100Z");
        JobRecord fire = fired().stream().filter(j -> j.spec().idempotencyKey().contains(s.id())).findFirst().orElseThrow();
        // as after a full restart with the schedule's move lost: the store holds it at T0 still
        store.create(s);
        Instant stillAt = store.get(s.id()).orElseThrow().firedUntil();
        List<String> asked = new java.util.ArrayList<>();

        schedules.catchUp(id -> {
            asked.add(id);
            return id.equals(s.id()) ? java.util.Optional.of(fire) : java.util.Optional.empty();
        });

        assertThat(stillAt).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(asked).containsExactlyInAnyOrder(s.id(), other.id());
        Schedule after = schedules.require(s.id());
        assertThat(after.firedUntil()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(after.lastJob()).isEqualTo(fire.id());
        assertThat(schedules.require(other.id()).firedUntil()).isEqualTo("2026-01-01T00:00:10Z");
        schedules.catchUp(id -> java.util.Optional.of(fire)); // an older fire than firedUntil moves nothing
        assertThat(schedules.require(other.id()).lastJob()).isNotEqualTo(fire.id());
        at("2026-01-01T00:00:10.200Z");
        assertThat(fired()).hasSize(2); // no second job for 00:00:10
    }

    @Test
    void aFireTimeFiredAgainAfterAnOwnerDiedBeforeRecordingItGivesTheSameJob() {
        Schedule s = every(10, Schedule.Overlap.ALLOW, null);
        node.clock.advance(Duration.ofSeconds(10));
        node.jobs().submit(GridSchedules.jobOf(s, Instant.parse("2026-01-01T00:00:10Z"))); // the dead owner's fire
        schedules.sweep(); // the new owner, with the schedule not moved on

        assertThat(fired()).hasSize(1);
        assertThat(schedules.require(s.id()).lastJob()).isEqualTo(fired().get(0).id());
    }

    @Test
    void overlapSkipDoesNotFireWhileThePreviousJobHasNotEnded() {
        every(10, null, null);
        at("2026-01-01T00:00:10Z");
        at("2026-01-01T00:00:20Z"); // the first is still QUEUED: skipped
        endAll();
        at("2026-01-01T00:00:30Z");

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:30Z"));
    }

    @Test
    void overlapCancelPreviousCancelsTheUnfinishedJobThenFires() {
        every(10, Schedule.Overlap.CANCEL_PREVIOUS, null);
        at("2026-01-01T00:00:10Z");
        at("2026-01-01T00:00:20Z");

        List<JobRecord> jobs = fired();
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.get(1).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void overlapAllowRunsBoth() {
        every(10, Schedule.Overlap.ALLOW, null);
        at("2026-01-01T00:00:10Z");
        at("2026-01-01T00:00:20Z");

        assertThat(fired()).extracting(JobRecord::state).containsExactly(JobState.QUEUED, JobState.QUEUED);
    }

    @Test
    void misfireNoneSkipsTheTimesMissedWhileDownAndGoesOnAfterwards() {
        every(60, Schedule.Overlap.ALLOW, Schedule.Misfire.NONE);
        at("2026-01-01T00:05:30Z"); // five fire times missed by more than the threshold
        assertThat(fired()).isEmpty();
        at("2026-01-01T00:06:00Z");

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:06:00Z"));
    }

    @Test
    void misfireOneFiresOnceForAllTheMissedTimes() {
        every(60, Schedule.Overlap.ALLOW, Schedule.Misfire.ONE);
        at("2026-01-01T00:05:30Z");
        at("2026-01-01T00:05:31Z");
        at("2026-01-01T00:06:00Z");

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:05:00Z"),
                Instant.parse("2026-01-01T00:06:00Z"));
    }

    @Test
    void aLateSweepWithinTheThresholdStillFires() {
        every(60, Schedule.Overlap.ALLOW, Schedule.Misfire.NONE);
        at("2026-01-01T00:01:09Z"); // 9 s late: not missed

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void pausedSchedulesDoNotFireAndDoNotMakeUpTheTimesPassedWhilePaused() {
        Schedule s = every(10, Schedule.Overlap.ALLOW, Schedule.Misfire.ONE);
        schedules.pause(s.id());
        at("2026-01-01T00:00:10Z");
        at("2026-01-01T00:00:20Z");
        assertThat(fired()).isEmpty();
        schedules.resume(s.id());
        at("2026-01-01T00:00:25Z");
        assertThat(fired()).isEmpty();
        at("2026-01-01T00:00:30Z");

        assertThat(fireTimes()).containsExactly(Instant.parse("2026-01-01T00:00:30Z"));
    }

    @Test
    void cronFiresAcrossSpringForwardAndFallBackOncePerDay() {
        ZoneId newYork = ZoneId.of("America/New_York");
        node.clock.advance(Duration.between(node.clock.instant(), Instant.parse("2026-03-07T12:00:00Z")));
        schedules.create(Schedule.of("night", "0 30 2 * * *", null, newYork, TRUE, Schedule.Overlap.ALLOW, null));
        for (Instant t = node.clock.instant(); t.isBefore(Instant.parse("2026-03-10T00:00:00Z"));
             t = t.plusSeconds(300)) {
            at(t.toString());
        }
        assertThat(fireTimes()).containsExactly(Instant.parse("2026-03-08T07:30:00Z"), // 03:30 EDT (02:30 missing)
                Instant.parse("2026-03-09T06:30:00Z"));
    }

    @Test
    void cronFiresTheRepeatedHourOfFallBackOnce() {
        ZoneId newYork = ZoneId.of("America/New_York");
        node.clock.advance(Duration.between(node.clock.instant(), Instant.parse("2026-10-31T12:00:00Z")));
        schedules.create(Schedule.of("night", "0 30 1 * * *", null, newYork, TRUE, Schedule.Overlap.ALLOW, null));
        for (Instant t = node.clock.instant(); t.isBefore(Instant.parse("2026-11-02T00:00:00Z"));
             t = t.plusSeconds(300)) {
            at(t.toString());
        }
        assertThat(fireTimes()).containsExactly(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT, not EST too
    }
}
