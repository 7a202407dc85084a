package io.jobgrid.core;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a submission stores and queues. The node is not started: nothing runs. */
class SubmissionTest {
    private final MemoryNode node = MemoryNode.withSlots(1);

    @AfterEach
    void close() {
        node.close();
    }

    private static JobSpec after(JobId... parents) {
        return JobSpec.builder().shell("true").dependsOn(List.of(parents)).build();
    }

    @Test
    void queuesAJobWithoutParents() {
        JobId id = node.jobs().submit(JobSpec.shell("true"));

        JobRecord job = node.record(id);
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.attempt()).isZero();
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(id, 0));
        assertThat(node.events.of("submitted", id)).hasSize(1);
    }

    @Test
    void keepsAJobWithAnUnfinishedParentWaitingAndOutOfTheQueue() {
        JobId parent = node.jobs().submit(JobSpec.shell("true"));

        JobId child = node.jobs().submit(after(parent));

        assertThat(node.record(child).state()).isEqualTo(JobState.WAITING);
        assertThat(node.record(parent).children()).containsExactly(child);
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(parent, 0));
    }

    @Test
    void queuesAChildAtOnceWhenItsParentHasAlreadySucceeded() {
        JobRecord parent = node.runningOnOther(JobSpec.shell("true"));
        node.grid.store().update(parent.id(), new JobUpdates.Finish(parent.id(), 1, MemoryNode.OTHER,
                JobState.SUCCEEDED, 0, null, node.clock.instant()));

        JobId child = node.jobs().submit(after(parent.id()));

        assertThat(node.record(child).state()).isEqualTo(JobState.QUEUED);
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(child, 0));
        assertThat(node.events.of("released", child)).hasSize(1);
    }

    @Test
    void returnsTheFirstJobForARepeatedIdempotencyKey() {
        JobSpec spec = JobSpec.builder().shell("true").idempotencyKey("nightly-2026-01-01").build();

        JobId first = node.jobs().submit(spec);
        JobId again = node.jobs().submit(spec);

        assertThat(again).isEqualTo(first);
        assertThat(node.grid.store().size()).isEqualTo(1);
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(first, 0));
    }

    @Test
    void anArrayWhoseQueueingFailsHalfWayIsCancelledWholeAndTheCallerIsToldSo() {
        try (MemoryNode failing = MemoryNode.withPorts(1, java.util.Map.of(), p -> new Ports(p.store(), p.logs(),
                new FailsAfterOffers(p.queue(), 1), p.ids(), p.idempotency(), p.control(), p.membership(), p.events(),
                p.permits()))) {
            assertThatThrownBy(() -> failing.jobs().submitArray(JobSpec.shell("true"), 2_500))
                    .isInstanceOf(io.jobgrid.api.JobGridException.class)
                    .hasMessageStartingWith("job array ").hasMessageContaining("after 2000 were tried")
                    .hasMessageContaining("the 2000 of them that were stored and not yet ended are cancelled");

            // the first chunk was stored and queued, the second stored only; both are cancelled, the third never stored
            java.util.Collection<JobRecord> stored = failing.grid.store().localRecords(JobState.values());
            assertThat(stored).hasSize(2_000).allSatisfy(r -> assertThat(r.state()).isEqualTo(JobState.CANCELLED));
            assertThat(failing.events.of("cancelled")).hasSize(2_000);
        }
    }

    /** A work queue whose offers fail once {@code allowed} of them went through, as a grid under backpressure. */
    private record FailsAfterOffers(WorkQueue queue, int allowed, java.util.concurrent.atomic.AtomicInteger offers)
            implements WorkQueue {
        FailsAfterOffers(WorkQueue queue, int allowed) {
            this(queue, allowed, new java.util.concurrent.atomic.AtomicInteger());
        }

        @Override
        public void offer(JobRecord job) {
            offerAll(List.of(job));
        }

        @Override
        public void offerAll(List<JobRecord> jobs) {
            if (offers.incrementAndGet() > allowed) {
                throw new IllegalStateException("the queue refused the offer");
            }
            queue.offerAll(jobs);
        }

        @Override
        public Taker takerFor(java.util.Map<String, String> tags) {
            return queue.takerFor(tags);
        }

        @Override
        public Taker taskTakerFor(java.util.Map<String, String> tags, java.util.function.Predicate<String> hasRoute) {
            return queue.taskTakerFor(tags, hasRoute);
        }
    }

    @Test
    void aBatchStoresAndQueuesEachJobKeepsKeysAndLetsChildrenWait() {
        JobId parent = node.jobs().submit(JobSpec.shell("true"));
        JobSpec keyed = JobSpec.builder().shell("true").idempotencyKey("batch-key").build();
        JobId first = node.jobs().submit(keyed);

        List<JobId> ids = node.jobs().submitAll(List.of(JobSpec.shell("true"), keyed, after(parent), JobSpec.shell("true")));

        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        assertThat(ids.get(1)).isEqualTo(first);
        assertThat(node.record(ids.get(0)).state()).isEqualTo(JobState.QUEUED);
        assertThat(node.record(ids.get(2)).state()).isEqualTo(JobState.WAITING);
        assertThat(node.record(parent).children()).containsExactly(ids.get(2));
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(parent, 0), new QueueItem(first, 0),
                new QueueItem(ids.get(0), 0), new QueueItem(ids.get(3), 0));
        assertThat(node.events.of("submitted", ids.get(3))).hasSize(1);
    }

    @Test
    void aBatchWithOneUnknownParentStoresNothing() {
        int before = node.grid.store().size();

        assertThatThrownBy(() -> node.jobs().submitAll(List.of(JobSpec.shell("true"), after(JobId.of(999)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        assertThat(node.grid.store().size()).isEqualTo(before);
        assertThat(node.grid.queue().items()).isEmpty();
    }

    @Test
    void refusesDependsOnAnUnknownJobAndStoresNothing() {
        JobId unknown = JobId.of(999);
        JobSpec bad = JobSpec.builder().shell("true").dependsOn(List.of(unknown)).idempotencyKey("once").build();

        assertThatThrownBy(() -> node.jobs().submit(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(unknown.value());

        assertThat(node.grid.store().size()).isZero();
        assertThat(node.grid.queue().size()).isZero();
        JobId later = node.jobs().submit(JobSpec.builder().shell("true").idempotencyKey("once").build());
        assertThat(node.record(later).state()).as("the refused submission did not spend the key")
                .isEqualTo(JobState.QUEUED);
    }

    @Test
    void refusesADagThatDependsOnAnUnknownJobAndStoresNothing() {
        JobId unknown = JobId.of(999);
        List<DagJob> dag = List.of(new DagJob("root", after(unknown), List.of()),
                new DagJob("leaf", JobSpec.shell("true"), List.of("root")));

        assertThatThrownBy(() -> node.jobs().submitDag(dag))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(unknown.value());

        assertThat(node.grid.store().size()).isZero();
        assertThat(node.grid.queue().size()).isZero();
    }

    @Test
    void storesAWholeDagBeforeQueueingOnlyItsRoots() {
        List<DagJob> dag = List.of(new DagJob("build", JobSpec.shell("true"), List.of()),
                new DagJob("test", JobSpec.shell("true"), List.of("build")),
                new DagJob("ship", JobSpec.shell("true"), List.of("build", "test")));

        var ids = node.jobs().submitDag(dag);

        assertThat(node.record(ids.get("build")).children()).containsExactlyInAnyOrder(ids.get("test"), ids.get("ship"));
        assertThat(node.record(ids.get("ship")).parents()).containsExactly(ids.get("build"), ids.get("test"));
        assertThat(node.record(ids.get("ship")).state()).isEqualTo(JobState.WAITING);
        assertThat(node.grid.queue().items()).containsExactly(new QueueItem(ids.get("build"), 0));
    }
}
