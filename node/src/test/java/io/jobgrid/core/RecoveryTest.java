package io.jobgrid.core;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Recovery of the jobs of a member that left: node-a sees node-b go (the test removes it) and
 * queues node-b's RUNNING jobs again. A job constrained to {@code pool=b} stays in the queue, as
 * node-a may not run it; an unconstrained one is re-run on node-a.
 */
class RecoveryTest {
    private static final JobSpec ONLY_ON_B = JobSpec.builder().shell("true").constraints(Map.of("pool", "b")).build();

    private final MemoryNode node = MemoryNode.withSlots(1).start();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void requeuesRunningJobWhenItsNodeLeaves() {
        JobRecord lost = node.runningOnOther(ONLY_ON_B);

        node.grid.membership().remove(MemoryNode.OTHER);

        JobRecord queued = node.awaitState(lost.id(), JobState.QUEUED);
        assertThat(queued.attempt()).as("the next claim opens attempt 2").isEqualTo(1);
        assertThat(queued.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.NODE_LOST);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.grid.queue().items().contains(new QueueItem(lost.id(), 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.events.of("requeued", lost.id()).size() == 1);
    }

    @Test
    void discardsALateResultOfTheLostAttempt() {
        JobRecord lost = node.runningOnOther(ONLY_ON_B);
        node.grid.membership().remove(MemoryNode.OTHER);
        JobRecord queued = node.awaitState(lost.id(), JobState.QUEUED);

        assertThatThrownBy(() -> node.grid.store().update(lost.id(), new JobUpdates.Finish(lost.id(), 1, MemoryNode.OTHER,
                JobState.SUCCEEDED, 0, null, node.clock.instant()))).isInstanceOf(StaleAttemptException.class);

        assertThat(node.record(lost.id())).isEqualTo(queued);
    }

    @Test
    void rerunsALostJobOnASurvivorAsTheNextAttempt() {
        JobRecord lost = node.runningOnOther(JobSpec.shell("true"));

        node.grid.membership().remove(MemoryNode.OTHER);

        JobRecord done = node.awaitState(lost.id(), JobState.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.nodeId()).isEqualTo(MemoryNode.SELF);
        assertThat(done.attempts()).extracting(Attempt::node, Attempt::outcome)
                .containsExactly(tuple("node-b", Attempt.NODE_LOST),
                        tuple("node-a", "SUCCEEDED"));
        assertThatThrownBy(() -> node.grid.store().update(lost.id(), new JobUpdates.Finish(lost.id(), 1, MemoryNode.OTHER,
                JobState.FAILED, 1, null, node.clock.instant()))).isInstanceOf(StaleAttemptException.class);
        assertThat(node.record(lost.id())).isEqualTo(done);
    }

    @Test
    void leavesTheJobsOfMembersThatAreStillHereAlone() {
        node.grid.membership().add("member-c", "node-c");
        JobRecord onB = node.runningOnOther(ONLY_ON_B);
        JobRecord onC = JobRecord.submitted(node.grid.ids().next(), ONLY_ON_B, node.clock.instant());
        node.grid.store().create(onC);
        node.grid.store().update(onC.id(), new JobUpdates.Claim(onC.id(), 0, "node-c", "member-c", node.clock.instant()));

        node.grid.membership().remove("member-c");

        node.awaitState(onC.id(), JobState.QUEUED); // the sweep has run
        assertThat(node.record(onB.id())).isEqualTo(onB);
    }
}
