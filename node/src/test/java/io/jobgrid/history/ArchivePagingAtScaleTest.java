package io.jobgrid.history;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging over 100,000 finished jobs in the embedded archive, with and without filters: every page
 * is the right one, in order, with nothing skipped or repeated, and the database reads an index in
 * order from the cursor (keyset paging). How long a page takes is measured by
 * {@code bin/bench history-paging}, not here.
 */
class ArchivePagingAtScaleTest {
    private static final int JOBS = 100_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long FIRST_ID = 1_000;

    @TempDir
    static Path dataDir;
    private static JdbcJobArchive archive;

    @BeforeAll
    static void archiveOneHundredThousandFinishedJobs() {
        archive = JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null);
        List<JobRecord> batch = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            batch.add(record(i));
            if (batch.size() == 5_000) {
                archive.storeJobs(batch);
                batch.clear();
            }
        }
        assertThat(archive.countJobs()).isEqualTo(JOBS);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    /** Job {@code i}: created i seconds after T0; every 10th a nightly report; every 7th failed. */
    static JobRecord record(int i) {
        String name = i % 10 == 0 ? "Nightly report " + i : "etl step " + i;
        Instant created = T0.plusSeconds(i);
        JobRecord running = JobRecord.submitted(JobId.of(FIRST_ID + i), JobSpec.builder().shell("true").name(name).build(),
                created).started("node-" + i % 3, "member-" + i % 3, created.plusMillis(10));
        return i % 7 == 0 ? running.finished(JobState.FAILED, 1, "exit code 1", created.plusMillis(500))
                : running.finished(JobState.SUCCEEDED, 0, null, created.plusMillis(500));
    }

    @Test
    void pagesThroughEveryJobNewestFirstWithNoneSkippedOrRepeated() {
        List<JobId> seen = pageThrough(new JobQuery(null, null, 1_000, null));

        assertThat(seen).hasSize(JOBS);
        assertThat(new HashSet<>(seen)).hasSize(JOBS);
        for (int k = 0; k < JOBS; k++) {
            assertThat(seen.get(k)).isEqualTo(JobId.of(FIRST_ID + JOBS - 1 - k));
        }
    }

    @Test
    void filteredPagesHoldExactlyTheMatchingJobs() {
        JobQuery failedReports = new JobQuery(JobState.FAILED, null, "NIGHTLY", T0.plusSeconds(20_000),
                T0.plusSeconds(90_000), 50, null);
        JobQuery onNode1 = new JobQuery(null, "node-1", null, T0.plusSeconds(99_000), null, 100, null);

        assertThat(pageThrough(failedReports)).isEqualTo(expected(failedReports)).hasSize(1_000);
        assertThat(pageThrough(onNode1)).isEqualTo(expected(onNode1)).hasSize(333);
    }

    @Test
    void aDeepPageIsTheRightOneAndReadsTheIndexFromTheCursor() {
        JobQuery deep = new JobQuery(null, null, 100, JobId.of(FIRST_ID + 150));
        JobQuery deepSucceeded = new JobQuery(JobState.SUCCEEDED, null, 100, JobId.of(FIRST_ID + 150));

        assertThat(archive.page(deep)).extracting(JobRecord::id).isEqualTo(expected(deep).subList(0, 100));
        assertThat(archive.page(deepSucceeded)).extracting(JobRecord::id).isEqualTo(expected(deepSucceeded).subList(0, 100));
        assertThat(archive.explain(deep)).contains("PRIMARY_KEY").contains("ID < ?").contains("index sorted");
        assertThat(archive.explain(deepSucceeded)).contains("JOBGRID_JOBS_STATE").contains("index sorted");
    }

    private static List<JobId> pageThrough(JobQuery first) {
        List<JobId> seen = new ArrayList<>();
        Set<Integer> sizes = new HashSet<>();
        for (JobQuery q = first; q != null; ) {
            List<JobRecord> page = archive.page(q);
            assertThat(page).allMatch(first::matches);
            page.forEach(r -> seen.add(r.id()));
            if (page.size() < q.limit()) {
                q = null;
            } else {
                sizes.add(page.size());
                q = q.after(page.get(page.size() - 1).id());
            }
        }
        assertThat(sizes).hasSizeLessThanOrEqualTo(1); // every page but the last is full
        return seen;
    }

    private static List<JobId> expected(JobQuery q) {
        List<JobId> out = new ArrayList<>();
        for (int i = JOBS - 1; i >= 0; i--) {
            JobRecord r = record(i);
            if (q.matches(r)) {
                out.add(r.id());
            }
        }
        return out;
    }
}
