package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.core.memory.MemoryRemoteControl.Kill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cancels: the record changes atomically, then the node running the attempt is asked to kill it. */
class CancelTest {
    private final MemoryNode node = MemoryNode.withSlots(1);

    @AfterEach
    void close() {
        node.close();
    }

    private JobId submitAfter(JobId... parents) {
        return node.jobs().submit(JobSpec.builder().shell("true").dependsOn(List.of(parents)).build());
    }

    private JobState state(JobId id) {
        return node.record(id).state();
    }

    @Test
    void cancellingARunningJobAsksItsNodeToKillThatAttempt() {
        JobRecord running = node.runningOnOther(JobSpec.shell("true"));

        JobRecord after = node.jobs().cancel(running.id(), false);

        assertThat(after.state()).isEqualTo(JobState.CANCELLED);
        assertThat(node.grid.control().kills()).containsExactly(new Kill(MemoryNode.OTHER, running.id(), 1));
    }

    @Test
    void cancellingAQueuedJobKillsNothing() {
        JobId id = node.jobs().submit(JobSpec.shell("true"));

        JobRecord after = node.jobs().cancel(id, false);

        assertThat(after.state()).isEqualTo(JobState.CANCELLED);
        assertThat(node.grid.control().kills()).isEmpty();
    }

    @Test
    void cancelStopsTheLocalProcessAndItsResultIsDiscarded() {
        node.start();
        JobId id = node.jobs().submit(JobSpec.command("sleep", "30"));
        node.awaitState(id, JobState.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.scheduler.running() == 1);

        node.jobs().cancel(id, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> node.scheduler.running() == 0);
        assertThat(node.grid.control().kills()).containsExactly(new Kill(MemoryNode.SELF, id, 1));
        JobRecord job = node.record(id);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.attempts()).singleElement().extracting(a -> a.outcome()).isEqualTo("CANCELLED");
        assertThat(node.events.of("finished", id)).as("the killed attempt's report was stale").isEmpty();
    }

    @Test
    void cancellingAParentWithoutCascadeSkipsWhatWaitsBelowIt() {
        JobId parent = node.jobs().submit(JobSpec.shell("true"));
        JobId child = submitAfter(parent);
        JobId grandchild = submitAfter(child);

        node.jobs().cancel(parent, false);

        assertThat(state(parent)).isEqualTo(JobState.CANCELLED);
        assertThat(state(child)).isEqualTo(JobState.SKIPPED);
        assertThat(state(grandchild)).isEqualTo(JobState.SKIPPED);
    }

    @Test
    void cascadeCancelCancelsEveryUnfinishedDescendantRatherThanSkippingIt() {
        JobId parent = node.jobs().submit(JobSpec.shell("true"));
        JobId child = submitAfter(parent);
        JobId grandchild = submitAfter(child);
        JobId sibling = submitAfter(parent);

        node.jobs().cancel(parent, true);

        assertThat(List.of(state(parent), state(child), state(grandchild), state(sibling)))
                .containsOnly(JobState.CANCELLED);
    }

    @Test
    void cascadeCancelOfAFinishedJobStillCancelsWhatIsLeftBelowIt() {
        JobRecord parent = node.runningOnOther(JobSpec.shell("true"));
        node.grid.store().update(parent.id(), new JobUpdates.Finish(parent.id(), 1, MemoryNode.OTHER,
                JobState.SUCCEEDED, 0, null, node.clock.instant()));
        JobId child = submitAfter(parent.id());
        JobId grandchild = submitAfter(child);

        JobRecord after = node.jobs().cancel(parent.id(), true);

        assertThat(after.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(state(child)).isEqualTo(JobState.CANCELLED);
        assertThat(state(grandchild)).isEqualTo(JobState.CANCELLED);
    }
}
