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
    void givesANodeOnlyTheJobsItsTagsMatchAndConstrainedOnesFirst() throws InterruptedException {
        queue.offerAll(List.of(job(1, Map.of()), job(2, Map.of("gpu", "yes")), job(3, Map.of("gpu", "no"))));
        WorkQueue.Taker gpu = queue.takerFor(Map.of("gpu", "yes", "zone", "a"));
        WorkQueue.Taker plain = queue.takerFor(Map.of());

        QueueItem gpuFirst = gpu.poll(Duration.ZERO);
        QueueItem gpuSecond = gpu.poll(Duration.ZERO);
        QueueItem gpuThird = gpu.poll(Duration.ZERO);
        QueueItem plainFirst = plain.poll(Duration.ZERO);

        assertThat(gpuFirst).isEqualTo(new QueueItem(JobId.of(2), 0));
        assertThat(gpuSecond).isEqualTo(new QueueItem(JobId.of(1), 0));
        assertThat(gpuThird).isNull();
        assertThat(plainFirst).isNull();
        assertThat(queue.items()).containsExactly(new QueueItem(JobId.of(3), 0));
    }
}
