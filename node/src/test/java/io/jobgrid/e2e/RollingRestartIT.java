package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart under load, as an operator does it: {@code bin/jobgrid up 3}, then each node
 * in turn, right after a third of 500 jobs of one second was submitted (far more than the 6 slots
 * take at once, so they run and queue), is drained (node-1 with {@code bin/jobgrid drain}, node-2
 * with {@code POST /api/v1/nodes/NAME/drain} to another node, node-3 with SIGTERM), waited for
 * until it has left, started again under the same name with the same command line {@code up} gave
 * it, and waited for until its {@code /health} answers. At the end every job SUCCEEDED: none lost,
 * none stuck, and each attempt ran exactly once. Each attempt writes "start N" and "end N" to a
 * marker file of its job, the ground truth of what really ran. Why a third before each drain
 * rather than all 500 first: a node's restart took 20 s on a quiet machine but 60-100 s at a load
 * average of 40, when all 500 were done before the last drain; this way every drain starts while
 * jobs wait (checked), however slow the machine. 2 slots per node keep the test near two and a
 * half minutes.
 */
class RollingRestartIT {
    private static final int NODES = 3;
    private static final int JOBS = 500;
    private static final String SLOTS = "2";
    private static final E2eRest REST = new E2eRest(null);

    private static BinJobgrid cluster;
    private static Path marks;

    @BeforeAll
    static void up() throws IOException {
        cluster = BinJobgrid.forThisBuild(NODES);
        cluster.down(); // nodes left over by an aborted earlier run would make `up` refuse
        marks = cluster.runDir().resolve("marks");
        BinJobgrid.deleteTree(marks);
        Files.createDirectories(marks);

        BinJobgrid.Result up = cluster.up("--slots", SLOTS);

        assertThat(up.exitCode()).as("bin/jobgrid up failed:%n%s", up.output()).isZero();
    }

    @AfterAll
    static void down() throws IOException {
        if (cluster != null) {
            BinJobgrid.Result down = cluster.down(); // the restarted nodes too: their pids are in the pid files
            assertThat(down.exitCode()).as("bin/jobgrid down failed:%n%s", down.output()).isZero();
        }
    }

    @Test
    void drainingAndRestartingEachNodeInTurnLosesNoJobAndRunsEachAttemptOnce() throws Exception {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();

        for (int node = 1; node <= NODES; node++) {
            ids.addAll(submitMarkedJobs(ids.size(), JOBS * node / NODES - ids.size()));
            assertThat(queued(otherThan(node))).as("jobs still queued when node-%d is drained", node).isTrue();
            restart(node);
        }

        await("all " + JOBS + " jobs finished").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !queued(cluster.url(1)) && !running(cluster.url(1)));
        Map<Integer, Integer> attempts = assertEveryJobSucceededEachAttemptRanOnce(ids);
        System.err.printf("RollingRestartIT: %d jobs through 3 rolling restarts in %d s; jobs by final attempt: %s%n",
                JOBS, Duration.ofNanos(System.nanoTime() - started).toSeconds(), attempts);
    }

    /** {@code count} jobs of one second, numbered from {@code first}, spread over the nodes as they are submitted. */
    private static List<String> submitMarkedJobs(int first, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        String shell = "echo start $JOBGRID_ATTEMPT >> \"$MARKS/$JOBGRID_JOB_ID\"; sleep 1; "
                + "echo end $JOBGRID_ATTEMPT >> \"$MARKS/$JOBGRID_JOB_ID\"";
        for (int i = first; i < first + count; i++) {
            ids.add(REST.submit(cluster.url(1 + i % NODES), Map.of("name", "rolling-" + i, "shell", shell,
                    "env", Map.of("MARKS", marks.toString()), "timeoutSeconds", 60)));
        }
        return ids;
    }

    /**
     * Drains {@code node} (see {@link #drain}), waits until its process has exited and the others
     * list it no more, starts it again with the command line {@code bin/jobgrid up} gave it (same
     * name, ports, cluster and data dir; its pid file updated, so {@code down} stops it), and waits
     * for its {@code /health} and for every node to list all three again.
     */
    private static void restart(int node) throws Exception {
        String name = "node-" + node;
        long pid = cluster.nodePids().get(node - 1);
        List<String> command = commandLine(pid);

        drain(node, pid);
        await(name + " left").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)
                        && lists(otherThan(node), NODES - 1));

        Path log = cluster.runDir().resolve(name + ".log");
        Files.move(log, cluster.runDir().resolve(name + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        Process again = new ProcessBuilder(command).directory(cluster.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        Files.writeString(cluster.runDir().resolve(name + ".pid"), again.pid() + "\n");
        await(name + " healthy again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> healthy(cluster.url(node)) && lists(cluster.url(1), NODES) && lists(cluster.url(node), NODES));
    }

    /** Each of the three ways the README gives: {@code bin/jobgrid drain}, the REST call, SIGTERM. */
    private static void drain(int node, long pid) throws Exception {
        String name = "node-" + node;
        switch (node) {
            case 1 -> {
                BinJobgrid.Result drain = cluster.drain(name, otherThan(node));
                assertThat(drain.exitCode()).as("bin/jobgrid drain %s:%n%s", name, drain.output()).isZero();
            }
            case 2 -> assertThat(REST.post(otherThan(node), "/api/v1/nodes/" + name + "/drain", "").statusCode())
                    .as("POST /api/v1/nodes/%s/drain", name).isEqualTo(202);
            default -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroy)).as("SIGTERM to %s", name)
                    .contains(true);
        }
    }

    /** Every job SUCCEEDED; attempts 1..N each started once, only the last one ended. Returns jobs by attempt. */
    private static Map<Integer, Integer> assertEveryJobSucceededEachAttemptRanOnce(List<String> ids) throws Exception {
        Map<Integer, Integer> byAttempt = new TreeMap<>();
        for (String id : ids) {
            JsonNode job = REST.job(cluster.url(1 + ids.indexOf(id) % NODES), id);
            assertThat(job.path("state").asText()).as("job %s: %s", id, job).isEqualTo("SUCCEEDED");
            int attempt = job.get("attempt").asInt();
            List<String> ran = Files.readAllLines(marks.resolve(id), StandardCharsets.UTF_8);
            List<String> starts = new ArrayList<>();
            for (int a = 1; a <= attempt; a++) {
                starts.add("start " + a);
            }
            assertThat(ran.stream().filter(l -> l.startsWith("start"))).as("attempts of %s that ran", id)
                    .containsExactlyElementsOf(starts);
            assertThat(ran.stream().filter(l -> l.startsWith("end"))).as("attempts of %s that ended", id)
                    .containsExactly("end " + attempt);
            assertThat(job.get("attempts").findValuesAsText("outcome")).as(id).containsOnlyOnce("SUCCEEDED");
            byAttempt.merge(attempt, 1, Integer::sum);
        }
        return byAttempt;
    }

    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        List<String> args = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        assertThat(args).as("the command line of pid %d", pid).anyMatch(a -> a.endsWith("jobgrid-node.jar"));
        return args;
    }

    private static String otherThan(int node) {
        return cluster.url(node % NODES + 1);
    }

    private static boolean queued(String url) throws Exception {
        return some(url, "QUEUED");
    }

    private static boolean running(String url) throws Exception {
        return some(url, "RUNNING");
    }

    private static boolean some(String url, String state) throws Exception {
        HttpResponse<String> r = REST.get(url, "/api/v1/jobs?state=" + state + "&limit=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return E2eRest.JSON.readTree(r.body()).size() > 0;
    }

    private static boolean healthy(String url) {
        try {
            return REST.get(url, "/health").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static boolean lists(String url, int count) {
        try {
            return E2eRest.JSON.readTree(REST.get(url, "/api/v1/nodes").body()).size() == count;
        } catch (Exception notYet) {
            return false;
        }
    }
}
