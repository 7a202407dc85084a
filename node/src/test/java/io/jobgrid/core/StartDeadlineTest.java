package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue deadline ({@link JobSpec#startWithin}) on in-memory ports, with a clock the test moves. */
class StartDeadlineTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private MemoryNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    /** A job no node may run (its tag matches none), so it stays QUEUED until its deadline. */
    private static JobSpec unrunnable(Duration startWithin) {
        return JobSpec.builder().shell("echo never").constraints(Map.of("gpu", "none")).startWithin(startWithin).build();
    }

    @Test
    void aClaimPastTheDeadlineIsRefusedAndTheJobExpiresInstead() {
        node = MemoryNode.withSlots(1);
        JobStore store = node.grid.store();
        JobId id = node.jobs().submit(unrunnable(TEN_MINUTES));
        node.clock.advance(TEN_MINUTES);

        assertThatThrownBy(() -> store.update(id, new JobUpdates.Claim(id, 0, "node-a", MemoryNode.SELF,
                node.clock.instant()))).isInstanceOf(StartDeadlineException.class).hasMessageContaining("PT10M");
        Change expired = store.update(id, new JobUpdates.Expire(id, node.clock.instant()));

        assertThat(expired.from()).isEqualTo(JobState.QUEUED);
        assertThat(expired.after().state()).isEqualTo(JobState.CANCELLED);
        assertThat(expired.after().error()).isEqualTo("not started within PT10M");
        assertThat(expired.after().attempt()).isZero();
        assertThat(expired.after().finishedAt()).isEqualTo(node.clock.instant());
        assertThatThrownBy(() -> store.update(id, new JobUpdates.Claim(id, 0, "node-a", MemoryNode.SELF,
                node.clock.instant()))).isInstanceOf(StaleAttemptException.class);
    }

    @Test
    void aJobThatStartedBeforeItsDeadlineIsNeverExpiredNorAreItsRetries() {
        node = MemoryNode.withSlots(1);
        JobStore store = node.grid.store();
        JobId id = node.jobs().submit(unrunnable(TEN_MINUTES));
        node.clock.advance(TEN_MINUTES.minusSeconds(1));
        store.update(id, new JobUpdates.Claim(id, 0, "node-b", MemoryNode.OTHER, node.clock.instant()));
        node.clock.advance(Duration.ofMinutes(5));
        JobRecord retried = store.update(id, new JobUpdates.RequeueLost(id, MemoryNode.OTHER, "node-b",
                node.clock.instant())).after();

        Change expire = store.update(id, new JobUpdates.Expire(id, node.clock.instant()));

        assertThat(retried.state()).isEqualTo(JobState.QUEUED);
        assertThat(expire.after()).isEqualTo(retried);
        assertThat(store.localRecordsPastStartDeadline(node.clock.instant())).isEmpty();
        assertThat(store.update(id, new JobUpdates.Claim(id, 1, "node-a", MemoryNode.SELF, node.clock.instant()))
                .after().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void theOwnersSweepExpiresQueuedAndWaitingJobsAndSkipsWhatDependsOnThem() {
        node = MemoryNode.withSlots(1).start();
        JobId queued = node.jobs().submit(unrunnable(TEN_MINUTES));
        JobId child = node.jobs().submit(JobSpec.builder().shell("echo child").dependsOn(List.of(queued)).build());
        JobId waiting = node.jobs().submit(JobSpec.builder().shell("echo late").dependsOn(List.of(queued))
                .startWithin(Duration.ofMinutes(5)).build());
        JobId patient = node.jobs().submit(unrunnable(Duration.ofMinutes(20)));

        assertThat(node.grid.store().localRecordsPastStartDeadline(node.clock.instant())).isEmpty();
        node.clock.advance(TEN_MINUTES);

        JobRecord expired = node.awaitState(queued, JobState.CANCELLED);
        assertThat(expired.error()).isEqualTo("not started within PT10M");
        assertThat(node.awaitState(waiting, JobState.CANCELLED).error()).isEqualTo("not started within PT5M");
        assertThat(node.awaitState(child, JobState.SKIPPED).error()).contains(queued.value()).contains("CANCELLED");
        assertThat(node.record(patient).state()).isEqualTo(JobState.QUEUED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(node.events.of("cancelled", queued)).singleElement()
                        .satisfies(r -> assertThat(r.error()).isEqualTo("not started within PT10M")));
    }
}
