package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.history.JdbcJobArchive;
import io.jobgrid.history.JobArchive;
import io.jobgrid.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable history on real member processes started by {@code bin/jobgrid up}: every member is
 * killed with SIGKILL at once, the cluster is started again, and every job record is back as the
 * README says (finished ones with their output, QUEUED ones run, RUNNING ones re-run as a new
 * attempt, WAITING ones still wait); a clean {@code down} and {@code up} keeps everything. Once on
 * the embedded store of {@code up}, once on PostgreSQL.
 */
class PersistenceIT {
    private static final E2eRest REST = new E2eRest(null);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private BinJobgrid cluster;

    @BeforeEach
    void fresh() throws Exception {
        cluster = BinJobgrid.forThisBuild(3);
        cluster.down();
    }

    @AfterEach
    void down(TestInfo test) throws Exception {
        cluster.down();
        cluster.keepLogs(test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
    }

    @Test
    void everyRecordComesBackAfterAllMembersAreKilledOnTheEmbeddedStore() throws Exception {
        Path dataDir = cluster.dataDir();
        killAllAndRestart(() -> JdbcJobArchive.open(JdbcJobArchive.h2Url(dataDir), null, null));
    }

    @Test
    void everyRecordComesBackAfterAllMembersAreKilledOnPostgres() throws Exception {
        TestPostgres pg = TestPostgres.require();
        pg.truncate();
        Path config = Files.createTempFile("jobgrid-pg-", ".yaml");
        Files.writeString(config, "store:\n  type: postgres\n  url: " + pg.url() + "\n  user: " + pg.user()
                + "\n  password: " + pg.password() + "\n");
        killAllAndRestart(() -> JdbcJobArchive.open(pg.url(), pg.user(), pg.password()), "--config", config.toString());
    }

    private void killAllAndRestart(Supplier<JobArchive> archive, String... nodeArgs) throws Exception {
        up(nodeArgs);
        String url = cluster.url(1);
        String done = REST.submit(url, "{\"shell\":\"echo hello\"}");
        awaitState(url, done, "SUCCEEDED");
        String running = REST.submit(url, "{\"shell\":\"sleep 30\"}");
        awaitState(url, running, "RUNNING");
        String waiting = REST.submit(url, "{\"shell\":\"echo child\",\"dependsOn\":[\"" + running + "\"]}");
        String queued = REST.submit(url, "{\"shell\":\"echo later\",\"constraints\":{\"gpu\":\"yes\"}}");
        try (JobArchive stored = archive.get()) { // the test's own look at the store, closed before the kill
            awaitStored(stored, Map.of(done, JobState.SUCCEEDED, running, JobState.RUNNING, waiting, JobState.WAITING,
                    queued, JobState.QUEUED));
            await().atMost(WAIT).until(() -> stored.loadLogs(List.of(done + "/1")).size() == 1);
        }

        List<ProcessHandle> nodes = new ArrayList<>();
        for (long pid : cluster.nodePids()) {
            ProcessHandle.of(pid).ifPresent(nodes::add);
        }
        nodes.forEach(ProcessHandle::destroyForcibly); // SIGKILL, every member at once
        await().atMost(WAIT).until(() -> nodes.stream().noneMatch(ProcessHandle::isAlive));
        up(append(nodeArgs, "--tag", "gpu=yes"));

        String after = cluster.url(2);
        assertThat(job(after, done).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(REST.get(after, "/api/v1/jobs/" + done + "/logs").body()).isEqualTo("hello\n");
        // The record read back from the store still says RUNNING (attempt 1, on a member that is
        // gone) until recovery re-queues it: wait for the second attempt, not for the state.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> job(after, running).get("attempt").asInt() == 2
                && "RUNNING".equals(job(after, running).get("state").asText()));
        JsonNode rerun = job(after, running);
        assertThat(rerun.get("attempts").get(0).get("outcome").asText()).isEqualTo("NODE_LOST");
        assertThat(job(after, waiting).get("state").asText()).isEqualTo("WAITING");
        awaitState(after, queued, "SUCCEEDED");
        REST.post(after, "/api/v1/jobs/" + running + "/cancel", "");
        awaitState(after, waiting, "SKIPPED");

        List<String> quick = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            quick.add(REST.submit(after, "{\"shell\":\"echo " + i + "\"}"));
        }
        for (String id : quick) {
            awaitState(after, id, "SUCCEEDED");
        }
        BinJobgrid.Result down = cluster.down(); // a clean stop writes everything, whatever the write delay
        assertThat(down.exitCode()).as(down.output()).isZero();
        up(nodeArgs);
        for (String id : quick) {
            assertThat(job(cluster.url(3), id).get("state").asText()).as(id).isEqualTo("SUCCEEDED");
        }
        assertThat(job(cluster.url(3), waiting).get("state").asText()).isEqualTo("SKIPPED");
    }

    private void up(String... nodeArgs) throws Exception {
        BinJobgrid.Result up = cluster.up(nodeArgs);
        assertThat(up.exitCode()).as("bin/jobgrid up failed:%n%s", up.output()).isZero();
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static void awaitStored(JobArchive stored, Map<String, JobState> expected) {
        await().atMost(WAIT).until(() -> {
            Map<JobId, JobRecord> found = stored.loadJobs(expected.keySet().stream().map(JobId::new).toList());
            return expected.entrySet().stream().allMatch(e -> found.containsKey(new JobId(e.getKey()))
                    && found.get(new JobId(e.getKey())).state() == e.getValue());
        });
    }

    private static JsonNode awaitState(String url, String id, String state) throws Exception {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> state.equals(job(url, id).get("state")
                .asText()));
        return job(url, id);
    }

    private static JsonNode job(String url, String id) throws Exception {
        HttpResponse<String> r = REST.get(url, "/api/v1/jobs/" + id);
        assertThat(r.statusCode()).as("GET job %s: %s", id, r.body()).isEqualTo(200);
        return E2eRest.JSON.readTree(r.body());
    }
}
