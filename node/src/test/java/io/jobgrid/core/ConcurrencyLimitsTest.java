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

        JobId next = node.jobs().submit(spec);

        node.awaitState(next, JobState.SUCCEEDED);
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
