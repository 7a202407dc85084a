package io.jobgrid.history;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.ScheduleFire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive contract on the embedded H2 store, in a fresh data dir per test. */
class H2JobArchiveTest extends JobArchiveContract {
    @TempDir
    Path dataDir;

    @Override
    protected JobArchive openEmpty() {
        return JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null);
    }

    @Test
    void aStoreMadeBeforeTheNameTimeAndScheduleColumnsGetsThemFilledWhenOpened(@TempDir Path oldDir) throws Exception {
        JobRecord named = JobRecord.submitted(JobId.of(77), JobSpec.builder().shell("true").name("Backup")
                .idempotencyKey(ScheduleFire.key("s-7", Instant.parse("2026-01-01T00:00:00Z"))).build(),
                Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection c = DriverManager.getConnection(JdbcJobArchive.h2Url(oldDir)); Statement s = c.createStatement()) {
            // the table as the first release made it
            s.execute("CREATE TABLE jobgrid_jobs (id VARCHAR(13) PRIMARY KEY, state VARCHAR(16) NOT NULL, "
                    + "node VARCHAR(64), attempt INT NOT NULL, finished_at BIGINT, body VARBINARY NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobgrid_jobs VALUES (?, 'QUEUED', NULL, 0, NULL, ?)")) {
                ps.setString(1, named.id().value());
                ps.setBytes(2, Json.storageMapper().writeValueAsBytes(named));
                ps.executeUpdate();
            }
        }

        try (JobArchive opened = JdbcJobArchive.open(JdbcJobArchive.h2Url(oldDir), null, null)) {
            assertThat(opened.page(new JobQuery(null, null, "backup", named.createdAt(), null, 10, null)))
                    .containsExactly(named);
            assertThat(opened.page(new JobQuery(null, null, null, null, named.createdAt(), 10, null))).isEmpty();
            assertThat(opened.page(new JobQuery(null, null, 10).firedBy("s-7"))).containsExactly(named);
            assertThat(opened.page(new JobQuery(null, null, 10).firedBy("s-8"))).isEmpty();
        }
    }

    @Test
    void nodesOpeningOneFreshStoreAtOnceAllOpenIt(@TempDir Path shared) throws Exception {
        // bin/jobgrid up starts the nodes of a machine together on one H2 file; H2 answers a CREATE ... IF
        // NOT EXISTS racing another session's with "object already exists" (h2database#4188)
        for (int round = 0; round < 3; round++) {
            String url = JdbcJobArchive.h2Url(shared.resolve("round-" + round));
            List<java.util.concurrent.Callable<JobArchive>> opens = java.util.Collections.nCopies(4,
                    () -> JdbcJobArchive.open(url, null, null));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (var opened : pool.invokeAll(opens)) {
                    opened.get().close();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void listingReadsTheIdIndexBackwardsWithNoSort() {
        archive.storeJobs(List.of(job("true")));

        // keyset paging: the cursor is a range of the primary key, read newest first, so a page
        // costs its own rows whatever its depth (an OFFSET would read and drop every row above it)
        String plan = ((JdbcJobArchive) archive).explain(new JobQuery(null, null, "x", null, null, 100,
                JobId.of(5)));
        String byState = ((JdbcJobArchive) archive).explain(new JobQuery(io.jobgrid.api.JobState.SUCCEEDED, null,
                100, JobId.of(5)));

        assertThat(plan).contains("PRIMARY_KEY").contains("ID < ?").contains("index sorted")
                .doesNotContainIgnoringCase("offset");
        assertThat(byState).contains("JOBGRID_JOBS_STATE").contains("ID < ?").contains("index sorted");
        String bySchedule = ((JdbcJobArchive) archive).explain(new JobQuery(null, null, 100, JobId.of(5)).firedBy("s-1"));
        assertThat(bySchedule).contains("JOBGRID_JOBS_SCHEDULE").contains("ID < ?").contains("index sorted");
    }
}
