package io.jobgrid.history;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.ScheduleFire;
import io.jobgrid.api.TaskResult;
import io.jobgrid.api.TaskSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JobArchive} must do; each backend runs it through a subclass against a real
 * database (no mock stores).
 */
abstract class JobArchiveContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static long nextId = 1_000_000;
    protected JobArchive archive;

    /** A fresh archive with no rows. */
    protected abstract JobArchive openEmpty();

    @BeforeEach
    void open() {
        archive = openEmpty();
    }

    @AfterEach
    void close() {
        if (archive != null) { // null when openEmpty() skipped the test (no server)
            archive.close();
        }
    }

    @Test
    void storesAndLoadsRecordsWhole() {
        JobRecord done = succeeded(job("echo hi"), "node-a", T0.plusSeconds(5));

        archive.storeJobs(List.of(done));

        assertThat(archive.loadJobs(List.of(done.id()))).containsExactly(Map.entry(done.id(), done));
        assertThat(archive.countJobs()).isEqualTo(1);
    }

    @Test
    void storesAndLoadsJavaTasksWithTheirResults() {
        JobSpec code = JobSpec.builder().task(new TaskSpec("com.example.Sum", Map.of(), new byte[] {1, 2, 3})).build();
        JobRecord value = JobRecord.submitted(JobId.of(nextId++), code, T0).started("node-a", "uuid-a", T0)
                .withResult(TaskResult.value(new byte[] {4, 5})).finished(JobState.SUCCEEDED, null, null, T0);
        JobSpec named = JobSpec.builder().task(TaskSpec.named("resize", Map.of("width", "640"))).priority(87).build();
        JobRecord error = JobRecord.submitted(JobId.of(nextId++), named, T0).started("node-a", "uuid-a", T0)
                .withResult(TaskResult.error("java.io.IOException", "disk full", "java.io.IOException: disk full"))
                .finished(JobState.FAILED, null, "java.io.IOException: disk full", T0);

        archive.storeJobs(List.of(value, error));

        assertThat(archive.loadJobs(List.of(value.id(), error.id()))).containsEntry(value.id(), value)
                .containsEntry(error.id(), error);
        assertThat(archive.loadJobs(List.of(error.id())).get(error.id()).spec().priority()).isEqualTo(87);
    }

    @Test
    void aLaterWriteReplacesTheStoredRecord() {
        JobRecord queued = job("true");
        archive.storeJobs(List.of(queued));

        JobRecord running = queued.started("node-b", "uuid-b", T0.plusSeconds(1));
        archive.storeJobs(List.of(running));

        assertThat(archive.loadJobs(List.of(queued.id())).get(queued.id())).isEqualTo(running);
        assertThat(archive.countJobs()).isEqualTo(1);
    }

    @Test
    void loadsOnlyTheIdsThatAreStored() {
        JobRecord stored = job("true");
        archive.storeJobs(List.of(stored));
        JobId missing = JobId.of(nextId++);

        Map<JobId, JobRecord> found = archive.loadJobs(List.of(stored.id(), missing));

        assertThat(found).containsOnlyKeys(stored.id());
    }

    @Test
    void loadsManyIdsAtOnce() {
        List<JobRecord> many = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            many.add(job("true"));
        }

        archive.storeJobs(many);

        assertThat(archive.loadJobs(many.stream().map(JobRecord::id).toList())).hasSize(1_234);
    }

    @Test
    void unfinishedIdsAreTheJobsStillToDo() {
        JobRecord queued = job("true");
        JobRecord running = job("sleep 9").started("n", "u", T0);
        JobRecord waiting = JobRecord.submitted(JobId.of(nextId++), JobSpec.builder().shell("true")
                .dependsOn(List.of(queued.id())).build(), T0);
        JobRecord done = succeeded(job("true"), "n", T0);
        JobRecord cancelled = job("true").stopped(JobState.CANCELLED, "cancelled", T0);

        archive.storeJobs(List.of(queued, running, waiting, done, cancelled));

        assertThat(archive.unfinishedIds()).containsExactlyInAnyOrder(queued.id(), running.id(), waiting.id());
    }

    @Test
    void pagesNewestFirstByStateNodeAndCursor() {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(succeeded(job("true"), i % 2 == 0 ? "even" : "odd", T0.plusSeconds(i)));
        }
        all.add(job("true"));
        archive.storeJobs(all);

        List<JobRecord> first = archive.page(new JobQuery(JobState.SUCCEEDED, null, 10));
        List<JobRecord> second = archive.page(new JobQuery(JobState.SUCCEEDED, null, 10, first.get(9).id()));
        List<JobRecord> third = archive.page(new JobQuery(JobState.SUCCEEDED, null, 10, second.get(9).id()));
        List<JobRecord> evens = archive.page(new JobQuery(null, "even", 100));

        List<JobRecord> succeeded = new ArrayList<>(all.subList(0, 25));
        java.util.Collections.reverse(succeeded);
        assertThat(first).isEqualTo(succeeded.subList(0, 10));
        assertThat(second).isEqualTo(succeeded.subList(10, 20));
        assertThat(third).isEqualTo(succeeded.subList(20, 25));
        assertThat(evens).hasSize(13).allSatisfy(r -> assertThat(r.node()).isEqualTo("even"));
    }

    @Test
    void pagesByNameAndCreationTimeWithTheCursor() {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = i == 0 ? null : i % 4 == 0 ? "Nightly_Report " + i : "etl " + i;
            JobRecord queued = JobRecord.submitted(JobId.of(nextId++), JobSpec.builder().shell("true").name(name).build(),
                    T0.plusSeconds(i));
            all.add(i % 5 == 0 ? queued : succeeded(queued, "n", T0.plusSeconds(i + 1)));
        }
        archive.storeJobs(all);
        JobQuery reports = new JobQuery(null, null, "REPORT", T0.plusSeconds(4), T0.plusSeconds(36), 3, null);

        List<JobRecord> paged = new ArrayList<>();
        for (JobQuery q = reports; q != null; ) {
            List<JobRecord> page = archive.page(q);
            paged.addAll(page);
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        List<JobRecord> expected = new ArrayList<>(all.stream().filter(reports::matches).toList());
        java.util.Collections.reverse(expected);
        assertThat(expected).hasSize(8); // 4, 8, ... 32
        assertThat(paged).isEqualTo(expected);
        assertThat(archive.page(new JobQuery(null, null, "_r", null, null, 100, null))).hasSize(9);
        assertThat(archive.page(new JobQuery(null, null, "%", null, null, 100, null))).isEmpty();
        assertThat(archive.page(new JobQuery(JobState.QUEUED, null, null, T0.plusSeconds(30), null, 100, null)))
                .extracting(JobRecord::createdAt).containsExactly(T0.plusSeconds(35), T0.plusSeconds(30));
    }

    @Test
    void pagesTheJobsOfOneArrayWithTheCursor() {
        JobId array = JobId.of(nextId++);
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JobSpec spec = i % 3 == 0 ? JobSpec.shell("true").inArray(array, i / 3) : JobSpec.shell("true");
            all.add(JobRecord.submitted(JobId.of(nextId++), spec, T0.plusSeconds(i)));
        }
        archive.storeJobs(all);
        JobQuery members = new JobQuery(null, null, null, null, null, 3, null, array);

        List<JobRecord> paged = new ArrayList<>();
        for (JobQuery q = members; q != null; ) {
            List<JobRecord> page = archive.page(q);
            paged.addAll(page);
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        List<JobRecord> expected = new ArrayList<>(all.stream().filter(members::matches).toList());
        java.util.Collections.reverse(expected);
        assertThat(expected).hasSize(7);
        assertThat(paged).isEqualTo(expected);
        assertThat(paged.get(0).spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(array, 6));
    }

    @Test
    void pagesTheJobsOfOneScheduleWithTheCursor() {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String key = i % 3 == 0 ? ScheduleFire.key("nightly", T0.plusSeconds(i)) : i % 3 == 1 ? "mine-" + i : null;
            JobRecord queued = JobRecord.submitted(JobId.of(nextId++), JobSpec.builder().shell("true").idempotencyKey(key)
                    .build(), T0.plusSeconds(i));
            all.add(i % 2 == 0 ? queued : succeeded(queued, "n", T0.plusSeconds(i + 1)));
        }
        archive.storeJobs(all);
        JobQuery nightly = new JobQuery(null, null, 4).firedBy("nightly");

        List<JobRecord> paged = new ArrayList<>();
        for (JobQuery q = nightly; q != null; ) {
            List<JobRecord> page = archive.page(q);
            paged.addAll(page);
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        List<JobRecord> expected = new ArrayList<>(all.stream().filter(nightly::matches).toList());
        java.util.Collections.reverse(expected);
        assertThat(expected).hasSize(10);
        assertThat(paged).isEqualTo(expected);
        assertThat(archive.page(new JobQuery(JobState.QUEUED, null, 100).firedBy("nightly"))).hasSize(5);
        assertThat(archive.page(new JobQuery(null, null, 100).firedBy("night"))).isEmpty();
    }

    @Test
    void storesLoadsAndDeletesSchedulesWhole() {
        Schedule cron = Schedule.of("nightly", "0 30 2 * * *", null, ZoneId.of("Europe/Berlin"),
                JobSpec.builder().shell("backup").name("b").env(Map.of("A", "1")).build(), Schedule.Overlap.CANCEL_PREVIOUS,
                Schedule.Misfire.ONE).withId("s-cron", T0).withPaused(true).advanced(T0.plusSeconds(60), T0.plusSeconds(30),
                JobId.of(nextId++));
        Schedule every = Schedule.of(null, null, Duration.ofSeconds(30), null, JobSpec.command("true"), null, null)
                .withId("s-every", T0);

        archive.storeSchedules(List.of(cron, every));
        archive.storeSchedules(List.of(every.withPaused(true)));

        assertThat(archive.scheduleIds()).containsExactlyInAnyOrder("s-cron", "s-every");
        assertThat(archive.loadSchedules(List.of("s-cron", "s-every", "none")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("s-cron", cron, "s-every", every.withPaused(true)));
        archive.deleteSchedules(List.of("s-cron"));
        assertThat(archive.scheduleIds()).containsExactly("s-every");
    }

    @Test
    void findsFinishedJobsPastACutoffInIdOrder() {
        JobRecord old1 = succeeded(job("true"), "n", T0);
        JobRecord old2 = job("true").stopped(JobState.CANCELLED, "cancelled", T0.plusSeconds(1));
        JobRecord recent = succeeded(job("true"), "n", T0.plusSeconds(100));
        JobRecord queued = job("true");
        archive.storeJobs(List.of(old1, old2, recent, queued));

        List<JobArchive.Expired> all = archive.finishedBefore(T0.plusSeconds(50), null, 10);
        List<JobArchive.Expired> afterFirst = archive.finishedBefore(T0.plusSeconds(50), old1.id(), 10);

        assertThat(all).containsExactly(new JobArchive.Expired(old1.id(), 1), new JobArchive.Expired(old2.id(), 0));
        assertThat(afterFirst).containsExactly(new JobArchive.Expired(old2.id(), 0));
    }

    @Test
    void deletesRecords() {
        JobRecord a = job("true");
        JobRecord b = job("true");
        archive.storeJobs(List.of(a, b));

        archive.deleteJobs(List.of(a.id()));

        assertThat(archive.loadJobs(List.of(a.id(), b.id()))).containsOnlyKeys(b.id());
    }

    @Test
    void storesLoadsAndDeletesOutputTails() {
        JobId id = JobId.of(nextId++);
        StoredLog tail = new StoredLog(0, 6, "hello\n".getBytes(StandardCharsets.UTF_8), true);
        StoredLog second = new StoredLog(0, 5, "again".getBytes(StandardCharsets.UTF_8), false);

        archive.storeLogs(Map.of(StoredLog.key(id, 1), tail, StoredLog.key(id, 2), second));
        Map<String, StoredLog> loaded = archive.loadLogs(List.of(StoredLog.key(id, 1), StoredLog.key(id, 2), "nope/1"));
        archive.deleteLogs(List.of(StoredLog.key(id, 1)));

        assertThat(loaded).containsOnlyKeys(StoredLog.key(id, 1), StoredLog.key(id, 2));
        StoredLog back = loaded.get(StoredLog.key(id, 1));
        assertThat(new String(back.data(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(back.start()).isZero();
        assertThat(back.end()).isEqualTo(6);
        assertThat(back.complete()).isTrue();
        assertThat(loaded.get(StoredLog.key(id, 2)).complete()).isFalse();
        assertThat(archive.loadLogs(List.of(StoredLog.key(id, 1), StoredLog.key(id, 2))))
                .containsOnlyKeys(StoredLog.key(id, 2));
        assertThat(back.stderr()).isEmpty(); // stored unmarked, as before stderr was told apart: all stdout
    }

    @Test
    void keepsWhichBytesOfATailCameFromStderr() {
        JobId id = JobId.of(nextId++);
        long[] spans = {4, 8, 12, 1L << 40};
        StoredLog tail = new StoredLog(0, 1L << 40, "out\nerr\n".getBytes(StandardCharsets.UTF_8), false, spans);

        archive.storeLogs(Map.of(StoredLog.key(id, 1), tail));
        StoredLog back = archive.loadLogs(List.of(StoredLog.key(id, 1))).get(StoredLog.key(id, 1));
        archive.storeLogs(Map.of(StoredLog.key(id, 1), new StoredLog(0, 4, "out\n".getBytes(StandardCharsets.UTF_8),
                true)));
        StoredLog replaced = archive.loadLogs(List.of(StoredLog.key(id, 1))).get(StoredLog.key(id, 1));

        assertThat(back.stderr()).containsExactly(spans);
        assertThat(replaced.stderr()).isEmpty();
    }

    static JobRecord job(String script) {
        return JobRecord.submitted(JobId.of(nextId++), JobSpec.shell(script), T0);
    }

    static JobRecord succeeded(JobRecord queued, String node, Instant at) {
        return queued.started(node, "uuid-" + node, at).finished(JobState.SUCCEEDED, 0, null, at);
    }
}
