package io.jobgrid.core;

import io.jobgrid.api.ConcurrencyLimit;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Concurrency limits on the in-memory ports: a node with more slots than the limit never runs
 * more jobs of the key at once (seen from the processes' own start and end lines), parked jobs
 * start when permits are released, a lost member's permit is released by recovery, and a stale
 * permit is dropped when it would block a job.
 */
class ConcurrencyLimitsTest {
    private final MemoryNode node = MemoryNode.withSlots(4).start();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        node.close();
    }

    private Limits limits() {
        return node.scheduler.limits();
    }

    @Test
    void neverRunsMoreJobsOfAKeyThanItsLimit() throws Exception {
        limits().set("db", 2);
        Path log = dir.resolve("log");
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(node.jobs().submit(JobSpec.builder().concurrencyKey("db")
                    .shell("echo +" + i + " >> '" + log + "'; sleep 0.2; echo -" + i + " >> '" + log + "'").build()));
        }
        ids.forEach(id -> node.awaitState(id, JobState.SUCCEEDED));
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("db").orElseThrow().running() == 0);

        int now = 0;
        int most = 0;
        for (String line : Files.readAllLines(log)) {
            now += line.startsWith("+") ? 1 : -1;
            most = Math.max(most, now);
        }
        assertThat(most).as("jobs of key db running at once, with 4 slots").isEqualTo(2);
        assertThat(limits().get("db")).contains(new ConcurrencyLimit("db", 2, 0, 0));
    }

    @Test
    void aKeyWithoutLimitRunsFreelyAndIsCounted() {
        JobId id = node.jobs().submit(JobSpec.builder().concurrencyKey("free").shell("true").build());
        node.awaitState(id, JobState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("free").isEmpty()); // nothing kept once it ended
    }

    @Test
    void aLostMembersPermitIsReleasedWhenItsJobIsQueuedAgain() {
        limits().set("db", 1);
        JobSpec onlyOnB = JobSpec.builder().shell("true").concurrencyKey("db").constraints(Map.of("pool", "b")).build();
        JobRecord lost = node.runningOnOther(onlyOnB);
        node.grid.permits().change("db", new KeyPermits.Acquire(lost.id().value(), lost.attempt(), "x"));
        JobId waiting = node.jobs().submit(JobSpec.builder().concurrencyKey("db").shell("true").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("db").orElseThrow().waiting() == 1);
        assertThat(node.record(waiting).state()).isEqualTo(JobState.QUEUED);

        node.grid.membership().remove(MemoryNode.OTHER);

        node.awaitState(waiting, JobState.SUCCEEDED);
        assertThat(node.record(lost.id()).state()).as("only node-b may run it").isEqualTo(JobState.QUEUED);
    }

    @Test
    void aStalePermitIsDroppedWhenItBlocksAJob() {
        limits().set("db", 1);
        JobSpec spec = JobSpec.builder().concurrencyKey("db").shell("true").build();
        JobRecord gone = node.runningOnOther(spec);
        node.grid.permits().change("db", new KeyPermits.Acquire(gone.id().value(), gone.attempt(), "x"));
        node.jobs().cancel(gone.id()); // its permit is held by a record that is no longer running
        // a job cancelled while running keeps its permit while its process may still be killed; its
        // runner (on node-b, which runs nothing here) would give it back, else it is dropped later
        node.clock.advance(ConcurrencyLimits.ENDING_HOLD.plusSeconds(1));

        JobId next = node.jobs().submit(spec);

        node.awaitState(next, JobState.SUCCEEDED);
    }

    @Test
    void aJobCancelledWhileRunningKeepsItsPermitUntilItsProcessIsGone() throws Exception {
        limits().set("db", 1);
        Path log = dir.resolve("log");
        // ignores SIGTERM, so it runs on for the kill grace (1 s here) after its record says CANCELLED
        JobId first = node.jobs().submit(JobSpec.builder().concurrencyKey("db")
                .shell("trap '' TERM; echo +first >> '" + log + "'; sleep 30").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log));
        JobId second = node.jobs().submit(JobSpec.builder().concurrencyKey("db")
                .shell("echo +second >> '" + log + "'").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("db").orElseThrow().waiting() == 1);

        node.jobs().cancel(first);
        node.scheduler.limits().set("db", 1); // wakes nothing: the permit is still held
        new ConcurrencyLimits(node.grid.permits(), node.grid.store(), node.grid.queue(), node.clock, Runnable::run,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor()).sweep();
        assertThat(node.record(second).state()).as("the cancelled job's process still runs").isEqualTo(JobState.QUEUED);
        assertThat(limits().get("db").orElseThrow().running()).isEqualTo(1);

        node.awaitState(second, JobState.SUCCEEDED); // once the runner saw the process go
        assertThat(Files.readAllLines(log)).containsExactly("+first", "+second");
    }

    @Test
    void aStaleDuplicateItemOfAnOlderAttemptTakesNoPermitAwayFromTheRetry() {
        KeyPermits p = new KeyPermits();
        new KeyPermits.SetMax(1).apply("db", p);
        assertThat(new KeyPermits.Acquire("J", 3, "J:2/db").apply("db", p).granted()).isTrue();

        KeyPermits.Outcome stale = new KeyPermits.Acquire("J", 2, "J:1/db").apply("db", p);

        assertThat(stale.granted()).isFalse();
        assertThat(p.holders()).containsExactly(Map.entry("J", 3));
        assertThat(p.waiting()).as("not parked either").isEmpty();
        new KeyPermits.Release(Map.of("J", 2)).apply("db", p); // what a failed claim of the stale item would send
        assertThat(p.holders()).containsExactly(Map.entry("J", 3));
    }

    @Test
    void aLiveJobParkedBehindManyEndedOnesStartsWhenAPermitFrees() {
        limits().set("db", 0);
        List<JobId> parked = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            parked.add(node.jobs().submit(JobSpec.builder().concurrencyKey("db").shell("true").build()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("db").orElseThrow().waiting() == 9);
        parked.subList(0, 8).forEach(node.jobs()::cancel); // they stay parked until woken, then free their turn

        limits().set("db", 1); // wakes the first; each ended one woken wakes the next, down to the live one

        node.awaitState(parked.get(8), JobState.SUCCEEDED);
    }

    @Test
    void raisingOrDeletingALimitStartsWaitingJobs() {
        limits().set("db", 0);
        JobId id = node.jobs().submit(JobSpec.builder().concurrencyKey("db").shell("true").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> limits().get("db").orElseThrow().waiting() == 1);

        assertThat(limits().delete("db")).isTrue();

        node.awaitState(id, JobState.SUCCEEDED);
        assertThat(limits().delete("db")).as("nothing left to delete").isFalse();
    }

    @Test
    void refusesBadLimitsAndStoresNothing() {
        assertThatThrownBy(() -> limits().set("db", -1)).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "max");
        assertThatThrownBy(() -> limits().set("db", Limits.MAX_LIMIT + 1)).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "max");
        assertThatThrownBy(() -> limits().set("a/b", 2)).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "key");
        assertThatThrownBy(() -> JobSpec.builder().shell("true").concurrencyKey("a:b").build())
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("field", "concurrencyKey");
        assertThat(limits().list()).isEmpty();
    }
}
