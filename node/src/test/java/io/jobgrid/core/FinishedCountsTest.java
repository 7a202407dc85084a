package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Throughput;
import io.jobgrid.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-interval counts of finished jobs a node publishes for the dashboard's throughput chart. */
class FinishedCountsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:05Z");
    private final MutableClock clock = new MutableClock(T0);
    private final FinishedCounts counts = new FinishedCounts(clock);

    private static JobRecord ended(long n, JobState state) {
        JobRecord r = JobRecord.submitted(JobId.of(n), JobSpec.shell("true"), T0).started("n", "u", T0);
        return r.finished(state, state == JobState.SUCCEEDED ? 0 : 1, null, T0);
    }

    @Test
    void countsEveryEndInItsEpochAlignedIntervalAndMovesOn() {
        counts.finished(ended(1, JobState.SUCCEEDED), T0);
        counts.finished(ended(2, JobState.FAILED), T0);
        clock.advance(Duration.ofSeconds(30));
        counts.cancelled(ended(3, JobState.SUCCEEDED));
        counts.finished(JobRecord.submitted(JobId.of(4), JobSpec.shell("true"), T0), T0); // queued for a retry: not ended

        Throughput now = counts.snapshot();

        assertThat(now.end()).isEqualTo(Instant.parse("2026-12-07T10:01:00Z"));
        assertThat(now.intervalSeconds()).isEqualTo(30);
        assertThat(now.finished()).hasSize(FinishedCounts.INTERVALS).endsWith(2L, 1L);
        assertThat(now.finished().subList(0, 18)).containsOnly(0L);
    }

    @Test
    void intervalsOlderThanTheWindowAreForgotten() {
        counts.finished(ended(1, JobState.SUCCEEDED), T0);
        clock.advance(Duration.ofMinutes(10));
        counts.skipped(ended(2, JobState.SUCCEEDED));

        assertThat(counts.snapshot().finished()).isEqualTo(concat(Collections.nCopies(19, 0L), 1L));
        clock.advance(Duration.ofHours(1));
        assertThat(counts.snapshot().finished()).containsOnly(0L);
    }

    private static java.util.List<Long> concat(java.util.List<Long> head, long last) {
        java.util.List<Long> out = new java.util.ArrayList<>(head);
        out.add(last);
        return out;
    }
}
