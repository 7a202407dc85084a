package io.jobgrid.grid;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.core.QueueItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import static org.assertj.core.api.Assertions.assertThat;

class QueueRankTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static String item(long id, int priority, Instant createdAt) {
        return QueueRank.text(JobRecord.submitted(JobId.of(id), JobSpec.builder().shell("true").priority(priority).build(),
                createdAt));
    }

    @Test
    void anItemCarriesItsRankAndStillParsesAsIdAndAttempt() {
        String text = item(7, 60, T0);

        assertThat(QueueItem.parse(text)).isEqualTo(new QueueItem(JobId.of(7), 0));
        assertThat(QueueRank.rank(text)).isEqualTo(T0.toEpochMilli() - 60 * 60_000L);
        assertThat(QueueRank.rank(JobId.of(7).value() + ":2")).isZero();
    }

    @Test
    void anItemOfAJobWithAConcurrencyKeyCarriesTheKeyBeforeItsRank() {
        JobRecord job = JobRecord.submitted(JobId.of(7), JobSpec.builder().shell("true").priority(60).concurrencyKey("db.1")
                .build(), T0);
        String text = QueueRank.text(job);

        assertThat(QueueItem.parse(text)).isEqualTo(new QueueItem(JobId.of(7), 0, "db.1"));
        assertThat(QueueRank.rank(text)).isEqualTo(T0.toEpochMilli() - 60 * 60_000L);
        assertThat(QueueItem.parse(new QueueItem(JobId.of(7), 3, "k").text())).isEqualTo(new QueueItem(JobId.of(7), 3, "k"));
    }

    @Test
    void aPriorityQueueHandsOutHigherPrioritiesFirstThenCreationThenId() {
        PriorityQueue<String> queue = new PriorityQueue<>(new QueueRank());
        List<String> offered = List.of(item(5, 50, T0.plusMillis(2)), item(4, 50, T0.plusMillis(1)),
                item(3, 90, T0.plusSeconds(5)), item(2, 50, T0.plusMillis(1)), item(1, 10, T0));
        queue.addAll(offered);

        List<JobId> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(QueueItem.parse(queue.poll()).id());
        }

        assertThat(order).containsExactly(JobId.of(3), JobId.of(2), JobId.of(4), JobId.of(5), JobId.of(1));
    }
}
