package io.jobgrid.core.memory;

import io.jobgrid.api.Backoff;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.core.QueueItem;
import io.jobgrid.core.WorkQueue;
import io.jobgrid.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryWorkQueueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final MemoryWorkQueue queue = new MemoryWorkQueue(clock);

    private static JobRecord job(long n, Map<String, String> constraints) {
        return JobRecord.submitted(JobId.of(n), JobSpec.builder().shell("true").constraints(constraints).build(), T0);
    }

    private static JobRecord job(long n, int priority, Instant createdAt) {
        return JobRecord.submitted(JobId.of(n), JobSpec.builder().shell("true").priority(priority).build(), createdAt);
    }

    private static List<QueueItem> takeAll(WorkQueue.Taker taker) throws InterruptedException {
        List<QueueItem> out = new java.util.ArrayList<>();
        for (QueueItem item = taker.poll(Duration.ZERO); item != null; item = taker.poll(Duration.ZERO)) {
            out.add(item);
        }
        return out;
    }

    /** A job failed at attempt 1 and queued again for a retry at {@code retryAt}. */
    private static JobRecord retryAt(long n, Instant retryAt) {
        JobSpec spec = JobSpec.builder().shell("false").maxAttempts(2)
                .backoff(new Backoff(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10))).build();
        return JobRecord.submitted(JobId.of(n), spec, T0).started("node-a", "member-a", T0)
                .requeued("FAILED", 1, "exit 1", T0, retryAt);
    }

    @Test
    void handsOutItemsInOfferOrderWithTheirAttempt() throws InterruptedException {
        queue.offerAll(List.of(job(1, Map.of()), job(2, Map.of())));
        WorkQueue.Taker taker = queue.takerFor(Map.of());

        QueueItem first = taker.poll(Duration.ZERO);
        QueueItem second = taker.poll(Duration.ZERO);
        QueueItem none = taker.poll(Duration.ofMillis(1));

        assertThat(first).isEqualTo(new QueueItem(JobId.of(1), 0));
        assertThat(second).isEqualTo(new QueueItem(JobId.of(2), 0));
        assertThat(none).isNull();
    }

    @Test
    void holdsARetryUntilTheClockReachesItsTime() throws InterruptedException {
        queue.offer(retryAt(1, T0.plusSeconds(10)));
        WorkQueue.Taker taker = queue.takerFor(Map.of());

        QueueItem early = taker.poll(Duration.ZERO);
        clock.advance(Duration.ofSeconds(9));
        QueueItem stillEarly = taker.poll(Duration.ZERO);
        clock.advance(Duration.ofSeconds(1));
        QueueItem due = taker.poll(Duration.ZERO);

        assertThat(early).isNull();
        assertThat(stillEarly).isNull();
        assertThat(due).isEqualTo(new QueueItem(JobId.of(1), 1));
        assertThat(queue.size()).isZero();
    }

    @Test
    void givesANodeOnlyTheJobsItsTagsMatchInRankOrderAcrossConstraints() throws InterruptedException {
        queue.offerAll(List.of(job(1, Map.of()), job(2, Map.of("gpu", "yes")), job(3, Map.of("gpu", "no"))));
        WorkQueue.Taker gpu = queue.takerFor(Map.of("gpu", "yes", "zone", "a"));
        WorkQueue.Taker plain = queue.takerFor(Map.of());

        QueueItem gpuFirst = gpu.poll(Duration.ZERO);
        QueueItem gpuSecond = gpu.poll(Duration.ZERO);
        QueueItem gpuThird = gpu.poll(Duration.ZERO);
        QueueItem plainFirst = plain.poll(Duration.ZERO);

        assertThat(gpuFirst).isEqualTo(new QueueItem(JobId.of(1), 0));
        assertThat(gpuSecond).isEqualTo(new QueueItem(JobId.of(2), 0));
        assertThat(gpuThird).isNull();
        assertThat(plainFirst).isNull();
        assertThat(queue.items()).containsExactly(new QueueItem(JobId.of(3), 0));
    }

    @Test
    void handsOutAHighPriorityJobOfferedAfterAHundredLowOnesFirst() throws InterruptedException {
        for (int i = 1; i <= 100; i++) {
            queue.offer(job(i, 10, T0.plusMillis(i)));
        }
        queue.offer(job(101, 90, T0.plusSeconds(1)));
        WorkQueue.Taker taker = queue.takerFor(Map.of());

        List<QueueItem> order = takeAll(taker);

        assertThat(order).hasSize(101);
        assertThat(order.get(0)).isEqualTo(new QueueItem(JobId.of(101), 0));
        assertThat(order.subList(1, 101)).extracting(QueueItem::id)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).mapToObj(JobId::of).toList());
    }

    @Test
    void keepsCreationOrderAmongEqualPrioritiesWhateverTheOfferOrder() throws InterruptedException {
        queue.offer(job(3, 50, T0.plusMillis(3)));
        queue.offer(job(1, 50, T0.plusMillis(1)));
        queue.offer(job(4, 50, T0.plusMillis(3)));
        queue.offer(job(2, 50, T0.plusMillis(2)));
        WorkQueue.Taker taker = queue.takerFor(Map.of());

        List<QueueItem> order = takeAll(taker);

        assertThat(order).extracting(QueueItem::id).containsExactly(JobId.of(1), JobId.of(2), JobId.of(3), JobId.of(4));
    }

    @Test
    void agesALowPriorityJobAheadOfHigherOnesSubmittedMuchLater() throws InterruptedException {
        queue.offer(job(1, 40, T0));
        queue.offer(job(2, 90, T0.plus(Duration.ofMinutes(49))));
        queue.offer(job(3, 90, T0.plus(Duration.ofMinutes(51))));
        WorkQueue.Taker taker = queue.takerFor(Map.of());

        List<QueueItem> order = takeAll(taker);

        assertThat(order).extracting(QueueItem::id).containsExactly(JobId.of(2), JobId.of(1), JobId.of(3));
    }
}
