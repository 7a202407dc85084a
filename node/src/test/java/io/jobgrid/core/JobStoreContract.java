package io.jobgrid.core;

import io.jobgrid.api.IllegalStateChangeException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.ScheduleFire;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link JobStore} must do, whatever holds the records: run it by extending this
 * class and answering {@link #emptyStore()}. Records are made with {@link JobRecord}'s own state
 * changes and updated with the scheduler's {@link JobUpdates}, so the store sees what it sees in
 * production.
 */
public abstract class JobStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private JobStore store;

    /** A store holding no record, fresh for each test. */
    protected abstract JobStore emptyStore();

    @BeforeEach
    void freshStore() {
        store = emptyStore();
    }

    protected static JobRecord queued(long n) {
        return JobRecord.submitted(JobId.of(n), JobSpec.shell("true"), T0);
    }

    private JobRecord runningOn(long n, String node) {
        JobRecord r = queued(n);
        store.create(r);
        return store.update(r.id(), new JobUpdates.Claim(r.id(), 0, node, "member-" + node, T0)).after();
    }

    @Test
    void createStoresANewRecordAndRefusesAnIdThatExists() {
        JobRecord first = queued(1);
        JobRecord other = JobRecord.submitted(first.id(), JobSpec.shell("false"), T0.plusSeconds(1));

        boolean created = store.create(first);
        boolean again = store.create(other);

        assertThat(created).isTrue();
        assertThat(again).isFalse();
        assertThat(store.get(first.id())).contains(first);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void createNewAndCreateAllStoreEveryRecord() {
        List<JobRecord> batch = IntStream.rangeClosed(2, 1201).mapToObj(JobStoreContract::queued).toList();

        store.createNew(queued(1));
        store.createAll(batch);

        assertThat(store.size()).isEqualTo(1201);
        assertThat(store.get(JobId.of(1))).contains(queued(1));
        assertThat(store.get(JobId.of(1201))).contains(queued(1201));
    }

    @Test
    void getAnswersNothingForAnUnknownIdAndGetAllOnlyTheRecordsFound() {
        store.createAll(List.of(queued(1), queued(2)));

        Map<JobId, JobRecord> found = store.getAll(List.of(JobId.of(1), JobId.of(2), JobId.of(3)));

        assertThat(store.get(JobId.of(3))).isEmpty();
        assertThat(found).containsOnlyKeys(JobId.of(1), JobId.of(2));
        assertThat(found.get(JobId.of(2))).isEqualTo(queued(2));
    }

    @Test
    void updateAppliesTheChangeAndReportsTheStateItFound() {
        JobRecord job = queued(1);
        store.create(job);

        Change change = store.update(job.id(), new JobUpdates.Claim(job.id(), 0, "node-a", "member-a", T0));

        assertThat(change.from()).isEqualTo(JobState.QUEUED);
        assertThat(change.after().state()).isEqualTo(JobState.RUNNING);
        assertThat(change.after().attempt()).isEqualTo(1);
        assertThat(store.get(job.id())).contains(change.after());
    }

    @Test
    void anUpdateThatLeavesAChildWaitingAnswersItsStateWithoutTheRecord() {
        JobRecord parentA = queued(1);
        JobRecord parentB = queued(2);
        JobRecord child = JobRecord.submitted(JobId.of(3), JobSpec.builder().shell("true")
                .dependsOn(List.of(parentA.id(), parentB.id())).build(), T0);
        store.createAll(List.of(parentA, parentB, child));

        Change first = store.update(child.id(), new JobUpdates.ParentEnded(child.id(), parentA.id(), JobState.SUCCEEDED, T0));
        Change second = store.update(child.id(), new JobUpdates.ParentEnded(child.id(), parentB.id(), JobState.SUCCEEDED, T0));

        assertThat(first.from()).isEqualTo(JobState.WAITING);
        assertThat(first.to()).isEqualTo(JobState.WAITING);
        assertThat(first.after()).as("a waiting child is not sent back").isNull();
        assertThat(second.to()).isEqualTo(JobState.QUEUED);
        assertThat(second.after().satisfied()).containsExactly(parentA.id(), parentB.id());
        assertThat(store.get(child.id())).contains(second.after());
    }

    @Test
    void refusedUpdateLeavesTheRecordUnchanged() {
        JobRecord running = runningOn(1, "node-a");
        JobRecord done = store.update(running.id(), new JobUpdates.Finish(running.id(), 1, "member-node-a",
                JobState.SUCCEEDED, 0, null, T0)).after();

        assertThatThrownBy(() -> store.update(done.id(), new JobUpdates.Cancel(done.id(), T0.plusSeconds(1))))
                .isInstanceOf(IllegalStateChangeException.class)
                .hasMessageContaining(done.id().value());

        assertThat(store.get(done.id())).contains(done);
    }

    @Test
    void updateOfStaleAttemptIsRefusedAndChangesNothing() {
        JobRecord running = runningOn(1, "node-a");

        assertThatThrownBy(() -> store.update(running.id(), new JobUpdates.Claim(running.id(), 0, "node-b",
                "member-node-b", T0))).isInstanceOf(StaleAttemptException.class);
        assertThatThrownBy(() -> store.update(running.id(), new JobUpdates.Finish(running.id(), 1, "member-node-b",
                JobState.FAILED, 1, null, T0))).isInstanceOf(StaleAttemptException.class);

        assertThat(store.get(running.id())).contains(running);
    }

    @Test
    void updateOfAMissingRecordIsRefusedAndCreatesNothing() {
        JobId missing = JobId.of(9);

        assertThatThrownBy(() -> store.update(missing, new JobUpdates.Cancel(missing, T0)))
                .isInstanceOf(NotFoundException.class);

        assertThat(store.get(missing)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void updateAsyncCompletesWithTheChangeOrFailsWithTheRefusal() {
        JobRecord job = queued(1);
        store.create(job);

        Change change = store.updateAsync(job.id(), new JobUpdates.Claim(job.id(), 0, "node-a", "member-a", T0))
                .toCompletableFuture().join();
        CompletableFuture<Change> stale = store.updateAsync(job.id(), new JobUpdates.Claim(job.id(), 0, "node-b",
                "member-b", T0)).toCompletableFuture();

        assertThat(change.after().state()).isEqualTo(JobState.RUNNING);
        assertThatThrownBy(stale::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StaleAttemptException.class);
        assertThat(store.get(job.id())).contains(change.after());
    }

    @Test
    void concurrentUpdatesOfOneRecordAreNeverLost() {
        JobRecord parent = queued(1);
        store.create(parent);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> all = new ArrayList<>();

        try {
            for (int i = 0; i < 100; i++) {
                JobId child = JobId.of(1000 + i);
                all.add(CompletableFuture.runAsync(() -> store.update(parent.id(),
                        new JobUpdates.AddChild(parent.id(), child)), pool));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        } finally {
            pool.shutdown();
        }

        assertThat(store.get(parent.id()).orElseThrow().children()).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void queryFiltersByStateAndNodeNewestFirst() {
        store.createAll(List.of(queued(1), queued(3), queued(5)));
        runningOn(2, "node-a");
        runningOn(4, "node-b");
        runningOn(6, "node-a");

        List<JobRecord> queuedJobs = store.query(new JobQuery(JobState.QUEUED, null, 10));
        List<JobRecord> onA = store.query(new JobQuery(null, "node-a", 10));
        List<JobRecord> runningOnB = store.query(new JobQuery(JobState.RUNNING, "node-b", 10));

        assertThat(ids(queuedJobs)).containsExactly(id(5), id(3), id(1));
        assertThat(ids(onA)).containsExactly(id(6), id(2));
        assertThat(ids(runningOnB)).containsExactly(id(4));
    }

    @Test
    void queryPagesNewestFirstWithLimitAndBeforeCursor() {
        store.createAll(IntStream.rangeClosed(1, 7).mapToObj(JobStoreContract::queued).toList());

        List<JobRecord> first = store.query(new JobQuery(null, null, 3));
        List<JobRecord> second = store.query(new JobQuery(null, null, 3, first.get(2).id()));
        List<JobRecord> third = store.query(new JobQuery(null, null, 3, second.get(2).id()));

        assertThat(ids(first)).containsExactly(id(7), id(6), id(5));
        assertThat(ids(second)).containsExactly(id(4), id(3), id(2));
        assertThat(ids(third)).containsExactly(id(1));
    }

    @Test
    void queryFiltersByNameAndCreationTimeOnEveryPage() {
        store.createAll(IntStream.rangeClosed(1, 30).mapToObj(n -> JobRecord.submitted(JobId.of(n),
                JobSpec.builder().shell("true").name(n == 1 ? null : n % 3 == 0 ? "Nightly_Report " + n : "etl " + n)
                        .build(), T0.plusSeconds(n))).toList());
        JobQuery reports = new JobQuery(null, null, "report", T0.plusSeconds(4), T0.plusSeconds(28), 2, null);

        List<JobId> paged = new ArrayList<>();
        for (JobQuery q = reports; q != null; ) {
            List<JobRecord> page = store.query(q);
            assertThat(page).allMatch(reports::matches);
            page.forEach(r -> paged.add(r.id()));
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        assertThat(paged).containsExactly(id(27), id(24), id(21), id(18), id(15), id(12), id(9), id(6));
        assertThat(store.query(new JobQuery(null, null, "_r", null, null, 100, null))).hasSize(10);
        assertThat(store.query(new JobQuery(null, null, "%", null, null, 100, null))).isEmpty();
        assertThat(ids(store.query(new JobQuery(null, null, null, T0.plusSeconds(29), null, 100, null))))
                .containsExactly(id(30), id(29));
    }

    @Test
    void queryFiltersByArrayOnEveryPage() {
        JobId array = id(100);
        store.createAll(IntStream.rangeClosed(1, 12).mapToObj(n -> JobRecord.submitted(JobId.of(n),
                n % 2 == 0 ? JobSpec.shell("true").inArray(array, n / 2 - 1) : JobSpec.shell("true"),
                T0.plusSeconds(n))).toList());
        JobQuery members = new JobQuery(null, null, null, null, null, 4, null, array);

        List<JobId> paged = new ArrayList<>();
        for (JobQuery q = members; q != null; ) {
            List<JobRecord> page = store.query(q);
            assertThat(page).allMatch(members::matches);
            page.forEach(r -> paged.add(r.id()));
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        assertThat(paged).containsExactly(id(12), id(10), id(8), id(6), id(4), id(2));
        assertThat(store.query(JobQuery.all().inArray(id(101)))).isEmpty();
    }

    @Test
    void queryFiltersByTheScheduleThatFiredTheJobOnEveryPage() {
        store.createAll(IntStream.rangeClosed(1, 20).mapToObj(n -> JobRecord.submitted(JobId.of(n),
                JobSpec.builder().shell("true").idempotencyKey(n % 2 == 0 ? ScheduleFire.key("s-1", T0.plusSeconds(n))
                        : n % 5 == 0 ? ScheduleFire.key("s-10", T0.plusSeconds(n)) : n == 1 ? "schedule:s-1" : null)
                        .build(), T0.plusSeconds(n))).toList());
        JobQuery fired = new JobQuery(null, null, 3).firedBy("s-1");

        List<JobId> paged = new ArrayList<>();
        for (JobQuery q = fired; q != null; ) {
            List<JobRecord> page = store.query(q);
            page.forEach(r -> paged.add(r.id()));
            q = page.size() < q.limit() ? null : q.after(page.get(page.size() - 1).id());
        }

        assertThat(paged).containsExactly(id(20), id(18), id(16), id(14), id(12), id(10), id(8), id(6), id(4), id(2));
        assertThat(ids(store.query(new JobQuery(null, null, 100).firedBy("s-10")))).containsExactly(id(15), id(5));
        assertThat(store.query(new JobQuery(null, null, 100).firedBy("s"))).isEmpty();
    }

    @Test
    void localRecordsAnswersTheRecordsInTheStatesAsked() {
        store.createAll(List.of(queued(1), queued(2)));
        runningOn(3, "node-a");
        JobRecord cancelled = queued(4);
        store.create(cancelled);
        store.update(cancelled.id(), new JobUpdates.Cancel(cancelled.id(), T0));

        Set<JobId> live = Set.copyOf(ids(store.localRecords(JobState.QUEUED, JobState.RUNNING)));
        Set<JobId> running = Set.copyOf(ids(store.localRecords(JobState.RUNNING)));
        Set<JobId> waiting = Set.copyOf(ids(store.localRecords(JobState.WAITING)));

        assertThat(live).containsExactlyInAnyOrder(id(1), id(2), id(3));
        assertThat(running).containsExactly(id(3));
        assertThat(waiting).isEmpty();
    }

    private static List<JobId> ids(Collection<JobRecord> records) {
        return records.stream().map(JobRecord::id).toList();
    }

    private static JobId id(long n) {
        return JobId.of(n);
    }
}
