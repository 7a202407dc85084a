package io.jobgrid.grid;

import com.hazelcast.map.IMap;
import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.StoreConfig;
import io.jobgrid.history.JdbcJobArchive;
import io.jobgrid.history.JobArchive;
import io.jobgrid.history.StoredLog;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.MutableClock;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable history on in-JVM members sharing one embedded store: every member of a cluster dies
 * at once and a new cluster on the same data dir carries on; finished jobs leave memory and are
 * still found; retention deletes them.
 */
class PersistenceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private final List<TestGrid> grids = new ArrayList<>();
    private JobArchive archive;

    @BeforeEach
    void openArchive() {
        archive = JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null); // the test's own view of the files
    }

    @AfterEach
    void closeAll() {
        grids.forEach(TestGrid::close);
        archive.close();
    }

    @Test
    void aFullRestartBringsBackEveryJobAsItWas() {
        TestGrid first = grid();
        List<GridNode> before = first.start(2, persistent(s -> s.store(new StoreConfig.Builder().writeDelaySeconds(1))));
        GridNode a = before.get(0);
        JobId done = a.jobs().submit(JobSpec.shell("echo hello"));
        TestGrid.awaitState(a, done, JobState.SUCCEEDED, WAIT);
        JobId running = a.jobs().submit(JobSpec.shell("sleep 20"));
        TestGrid.awaitState(a, running, JobState.RUNNING, WAIT);
        JobId waiting = a.jobs().submit(JobSpec.builder().shell("echo child").dependsOn(List.of(running)).build());
        JobId queued = a.jobs().submit(JobSpec.builder().shell("echo later").constraints(Map.of("gpu", "yes")).build());
        awaitStored(Map.of(done, JobState.SUCCEEDED, running, JobState.RUNNING, waiting, JobState.WAITING,
                queued, JobState.QUEUED));
        await().atMost(WAIT).until(() -> archive.loadLogs(List.of(StoredLog.key(done, 1))).containsKey(StoredLog.key(done, 1)));

        first.powerCut(before); // every member at once, as a power cut would
        GridNode b = first.start(persistent(s -> s));
        GridNode gpu = first.start(persistent(s -> s.tags(Map.of("gpu", "yes"))));

        JobRecord finished = b.jobs().require(done);
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new String(b.jobs().logs(done).data(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        JobRecord rerun = TestGrid.awaitState(b, running, JobState.RUNNING, WAIT);
        assertThat(rerun.attempt()).isEqualTo(2);
        assertThat(rerun.attempts().get(0).outcome()).isEqualTo(Attempt.NODE_LOST);
        assertThat(b.jobs().require(waiting).state()).isEqualTo(JobState.WAITING);
        JobRecord ran = TestGrid.awaitState(b, queued, JobState.SUCCEEDED, WAIT);
        assertThat(ran.node()).isEqualTo(gpu.name());

        b.jobs().cancel(running, false);
        TestGrid.awaitState(b, waiting, JobState.SKIPPED, WAIT);
    }

    @Test
    void writeThroughKeepsEveryAcknowledgedJobWhenAllMembersDieAtOnce() {
        TestGrid first = grid();
        GridNode a = first.start(persistent(s -> s.store(new StoreConfig.Builder().writeDelaySeconds(0))));
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(a.jobs().submit(JobSpec.builder().shell("echo " + i).constraints(Map.of("gpu", "yes")).build()));
        }

        first.terminate(a); // no wait: with write-through, an acknowledged submit is already stored
        GridNode b = first.start(persistent(s -> s.tags(Map.of("gpu", "yes"))));

        for (JobId id : ids) {
            assertThat(TestGrid.awaitState(b, id, JobState.SUCCEEDED, WAIT).attempt()).isEqualTo(1);
        }
    }

    /**
     * A member that joins a running cluster reads the unfinished jobs of the archive. Those copies
     * may be older than the live records (write-behind), and a job changed while they are read
     * must keep its change: the load may only fill in what memory lacks.
     */
    @Test
    void aMemberJoiningWhileJobsChangeNeverPutsBackAnOlderStoredCopy() throws Exception {
        TestGrid cluster = grid();
        UnaryOperator<NodeConfig.Builder> behind = persistent(s -> s.store(new StoreConfig.Builder().writeDelaySeconds(30)));
        GridNode a = cluster.start(behind);
        List<JobId> ids = new ArrayList<>();
        List<JobSpec> specs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            specs.add(JobSpec.builder().shell("echo " + i).constraints(Map.of("gpu", "yes")).build());
        }
        ids.addAll(a.jobs().submitAll(specs));
        a.hazelcast().getMap(GridNames.JOBS).flush(); // the archive holds them all as QUEUED; later changes stay in memory
        List<JobId> cancelled = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
        Thread canceller = new Thread(() -> {
            for (JobId id : ids) {
                if (joined.get()) {
                    return;
                }
                a.jobs().cancel(id);
                cancelled.add(id);
            }
        });

        canceller.start();
        GridNode b = cluster.start(behind);
        joined.set(true);
        canceller.join();

        assertThat(cancelled).as("cancels while the member joined").isNotEmpty();
        for (JobId id : cancelled) {
            assertThat(b.jobs().require(id).state()).as("job %s, cancelled while %s joined", id, b.name())
                    .isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void filtersByNameAndTimeApplyToTheHistoryOnEveryPage() {
        GridNode a = grid().start(persistent(s -> s.store(new StoreConfig.Builder().keepFinishedSeconds(0)
                .maxFinishedInMemory(1))));
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(a.jobs().submit(JobSpec.builder().shell("true").name(i % 2 == 0 ? "Report " + i : "other " + i).build()));
        }
        ids.forEach(id -> TestGrid.awaitState(a, id, JobState.SUCCEEDED, WAIT));
        IMap<String, JobRecord> memory = a.hazelcast().getMap(GridNames.JOBS);
        await().atMost(WAIT).until(() -> memory.size() <= 1);
        JobQuery reports = new JobQuery(null, null, "report", a.jobs().require(ids.get(2)).createdAt(), null, 2, null);

        List<JobRecord> first = a.jobs().list(reports);
        List<JobRecord> second = a.jobs().list(reports.after(first.get(1).id()));

        assertThat(first).extracting(JobRecord::id).containsExactly(ids.get(6), ids.get(4));
        assertThat(second).extracting(JobRecord::id).containsExactly(ids.get(2));
    }

    @Test
    void anArrayIsListedFromTheHistoryOnceItsJobsLeftMemoryAndTheSummaryCountsWhatIsInMemory() {
        GridNode a = grid().start(persistent(s -> s.store(new StoreConfig.Builder().keepFinishedSeconds(0)
                .maxFinishedInMemory(1))));
        a.jobs().submit(JobSpec.shell("true")); // not of the array
        io.jobgrid.api.JobArray array = a.jobs().submitArray(JobSpec.shell("echo $JOBGRID_ARRAY_INDEX"), 5);
        array.ids().forEach(id -> TestGrid.awaitState(a, id, JobState.SUCCEEDED, WAIT));
        IMap<String, JobRecord> memory = a.hazelcast().getMap(GridNames.JOBS);
        await().atMost(WAIT).until(() -> memory.size() <= 1);

        JobQuery members = JobQuery.all().inArray(array.id());
        List<JobRecord> first = a.jobs().list(new JobQuery(null, null, null, null, null, 3, null, array.id()));
        List<JobRecord> rest = a.jobs().list(new JobQuery(null, null, null, null, null, 3, null, array.id())
                .after(first.get(2).id()));

        assertThat(a.jobs().list(members)).extracting(JobRecord::id).containsExactlyElementsOf(reversed(array.ids()));
        assertThat(first).hasSize(3);
        assertThat(rest).extracting(r -> r.spec().array().index()).containsExactly(1, 0);
        await().atMost(WAIT).until(() -> a.jobs().summary().get(JobState.SUCCEEDED) == memory.size());
    }

    @Test
    void finishedJobsLeaveMemoryAndAreStillFoundAndListedPageByPage() throws Exception {
        GridNode a = grid().start(persistent(s -> s.httpPort(0).store(new StoreConfig.Builder().keepFinishedSeconds(0)
                .maxFinishedInMemory(1))));
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(a.jobs().submit(JobSpec.shell("echo " + i)));
        }
        ids.forEach(id -> TestGrid.awaitState(a, id, JobState.SUCCEEDED, WAIT));
        IMap<String, JobRecord> memory = a.hazelcast().getMap(GridNames.JOBS);

        await().atMost(WAIT).until(() -> memory.size() == 0);

        assertThat(a.jobs().require(ids.get(0)).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new String(a.jobs().logs(ids.get(0)).data(), StandardCharsets.UTF_8)).isEqualTo("0\n");
        List<JobId> listed = a.jobs().list(new JobQuery(JobState.SUCCEEDED, null, 10)).stream().map(JobRecord::id).toList();
        assertThat(listed).containsExactlyElementsOf(reversed(ids));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page1 = http.send(HttpRequest.newBuilder(URI.create(a.url() + "/api/v1/jobs?limit=3"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String next = page1.headers().firstValue("X-Jobgrid-Next").orElseThrow();
        HttpResponse<String> page2 = http.send(HttpRequest.newBuilder(URI.create(a.url() + "/api/v1/jobs?limit=3&before="
                + next)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next).isEqualTo(ids.get(2).value());
        assertThat(page1.body()).contains(ids.get(4).value(), ids.get(3).value(), ids.get(2).value());
        assertThat(page2.body()).contains(ids.get(1).value(), ids.get(0).value()).doesNotContain(ids.get(2).value());
        assertThat(page2.headers().firstValue("X-Jobgrid-Next")).isEmpty();
    }

    @Test
    void deletesFinishedJobsAndTheirOutputAfterRetention() {
        GridNode a = grid().start(persistent(s -> s.store(new StoreConfig.Builder().retentionDays(2.0 / 86_400))));
        JobId old = a.jobs().submit(JobSpec.shell("echo bye"));
        TestGrid.awaitState(a, old, JobState.SUCCEEDED, WAIT);

        await().atMost(WAIT).until(() -> a.jobs().get(old).isEmpty());

        await().atMost(WAIT).until(() -> archive.countJobs() == 0
                && archive.loadLogs(List.of(StoredLog.key(old, 1))).isEmpty());
    }

    private static List<JobId> reversed(List<JobId> ids) {
        List<JobId> out = new ArrayList<>(ids);
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * The deadlines map ({@link StartDeadlines}) lives in memory only: the cluster that brings the
     * unstarted jobs back from the store notes their queue deadlines again, or they would wait
     * for ever past them. On a clock the test moves.
     */
    @Test
    void unstartedJobsStillExpireAfterAFullRestart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        UnaryOperator<NodeConfig.Builder> settings = persistent(s -> s.store(new StoreConfig.Builder().writeDelaySeconds(0)));
        TestGrid first = grid();
        List<GridNode> before = List.of(first.start(settings, clock), first.start(settings, clock));
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(before.get(i % 2).jobs().submit(unrunnable(Duration.ofMinutes(10))));
        }
        JobId later = before.get(0).jobs().submit(unrunnable(Duration.ofHours(1)));
        await().atMost(WAIT).until(() -> archive.unfinishedIds().size() == ids.size() + 1);

        first.powerCut(before);
        clock.advance(Duration.ofMinutes(10));
        TestGrid second = grid();
        GridNode b = second.start(settings, clock);
        second.start(settings, clock);

        for (JobId id : ids) {
            assertThat(TestGrid.awaitState(b, id, JobState.CANCELLED, WAIT).error()).isEqualTo("not started within PT10M");
        }
        assertThat(b.jobs().require(later).state()).isEqualTo(JobState.QUEUED);
        clock.advance(Duration.ofMinutes(50));
        assertThat(TestGrid.awaitState(b, later, JobState.CANCELLED, WAIT).error()).isEqualTo("not started within PT1H");
    }

    private static JobSpec unrunnable(Duration startWithin) {
        return JobSpec.builder().shell("echo never").constraints(Map.of("gpu", "none")).startWithin(startWithin).build();
    }

    private TestGrid grid() {
        TestGrid g = new TestGrid();
        grids.add(g);
        return g;
    }

    private UnaryOperator<NodeConfig.Builder> persistent(UnaryOperator<NodeConfig.Builder> more) {
        return s -> more.apply(s.dataDir(dataDir));
    }

    private void awaitStored(Map<JobId, JobState> expected) {
        await().atMost(WAIT).until(() -> {
            Map<JobId, JobRecord> stored = archive.loadJobs(expected.keySet());
            return expected.entrySet().stream().allMatch(e -> stored.containsKey(e.getKey())
                    && stored.get(e.getKey()).state() == e.getValue());
        });
    }
}
