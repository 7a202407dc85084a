package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.testkit.NetworkNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real network cut between member processes: three members, each in a Linux network namespace
 * of its own joined by veth pairs to a bridge, all made (and removed) by this test. One member's
 * link is taken down while it runs jobs, so its packets vanish with no TCP reset. The majority
 * must see it gone within the heartbeat timeout and re-run its jobs; the cut-off member must kill
 * them (it has no quorum); after the link comes back the sides merge with every job SUCCEEDED
 * once, as the side that finished it recorded. Each attempt writes "start N PID" and "end N" to a
 * marker file, which is the ground truth of what really ran. Needs root and iproute2: otherwise
 * it is skipped, loudly.
 */
class NetworkCutIT {
    private static final String TOKEN = "network-cut-test-token-0123456789";
    private static final int MEMBERS = 3;
    /**
     * The second member to join: next in line after the master, so when it suspects the master
     * before the other member (about half the cuts) it claims mastership, and Hazelcast 5.7's claim
     * waits 5 s for the member it cannot reach. Its quorum must not wait for that.
     */
    private static final int CUT = 2;
    private static final String CUT_NAME = "cut-" + CUT;
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5); // the default
    /**
     * Slack over the timeout for a loaded CI machine, where the heartbeat checks run late. The
     * chaos benchmark measures the real figures; this catches a detector that waits for
     * Hazelcast's default 60 s.
     */
    private static final Duration DETECTION_SLACK = Duration.ofSeconds(5);
    /**
     * How soon after the cut the cut-off member must have killed its jobs. It stops when it has
     * heard no heartbeat from the others for the detector's deadline (3 s with the default
     * timeout; the last heartbeat came up to 1 s before the cut), checked every 250 ms: 2.3-3.5 s
     * measured here. Before the quorum followed heartbeats it waited for Hazelcast's member list,
     * 13-14 s in 2 of 6 cuts (when it first claimed mastership), so this bound catches that.
     */
    private static final Duration MINORITY_STOP = Duration.ofSeconds(6);
    /** Far longer than the cut-off member needs to stop, so no job ends on both sides. */
    private static final int JOB_SECONDS = 30;
    private static final E2eRest REST = new E2eRest(TOKEN);

    private static NetworkNamespaces net;
    private static final List<Process> members = new ArrayList<>();
    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        String why = NetworkNamespaces.whyNotUsable();
        if (why != null) {
            System.err.println("*** NetworkCutIT SKIPPED: " + why + " ***");
        }
        assumeTrue(why == null, "NetworkCutIT skipped: " + why);
        Runtime.getRuntime().addShutdownHook(new Thread(NetworkCutIT::stop));
        dir = Files.createTempDirectory("jobgrid-netcut-");
        Files.createDirectories(dir.resolve("marks"));
        net = NetworkNamespaces.create("jgt", MEMBERS, 1);
        for (int i = 1; i <= MEMBERS; i++) {
            members.add(launch(i));
            int[] up = java.util.stream.IntStream.rangeClosed(1, i).toArray();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> allSee(up.length, up)); // one by one: the member list is in this order
        }
    }

    @AfterAll
    static synchronized void stop() {
        members.forEach(Process::destroyForcibly);
        members.clear();
        if (net != null) {
            net.close(); // also kills whatever still runs in the namespaces
            net = null;
        }
    }

    @Test
    void aCutOffMemberIsDetectedItsJobsRunOnTheMajorityAndTheMergeLosesNothing() throws Exception {
        List<String> ids = submitMarkedJobs(9);
        await().atMost(Duration.ofSeconds(30)).until(() -> !REST.runningOn(url(1), CUT_NAME).isEmpty()
                && REST.runningOn(url(1), CUT_NAME).stream().allMatch(id -> Files.exists(marks(id))));
        List<String> onCut = REST.runningOn(url(1), CUT_NAME);
        List<Long> cutPids = new ArrayList<>();
        for (String id : onCut) {
            cutPids.add(Long.parseLong(Files.readAllLines(marks(id)).get(0).split(" ")[2]));
        }

        long cutAt = System.nanoTime();
        net.cut(CUT);

        // Watched on a thread of its own: a REST call below may block while the grid notices the cut.
        CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
            await().atMost(Duration.ofSeconds(JOB_SECONDS)).pollInterval(Duration.ofMillis(50)).until(() -> cutPids
                    .stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
            return System.nanoTime();
        });
        await().atMost(HEARTBEAT_TIMEOUT.plus(DETECTION_SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> allSee(MEMBERS - 1, 1, 3));
        long[] seen = {System.nanoTime(), stopped.get(JOB_SECONDS, TimeUnit.SECONDS)};
        System.err.printf("NetworkCutIT: the majority removed the cut-off member after %d ms; the cut-off member "
                + "had stopped its jobs after %d ms%n", TimeUnit.NANOSECONDS.toMillis(seen[0] - cutAt),
                TimeUnit.NANOSECONDS.toMillis(seen[1] - cutAt));
        assertThat(Duration.ofNanos(seen[1] - cutAt)).as("from the cut until the cut-off member stopped its jobs")
                .isLessThanOrEqualTo(MINORITY_STOP);
        printCutMemberMastershipAndQuorumLog();
        await().atMost(Duration.ofSeconds(60 + 3L * JOB_SECONDS)).pollInterval(Duration.ofMillis(500))
                .until(() -> allSucceeded(url(1), ids));
        for (String id : onCut) {
            JsonNode job = REST.job(url(1), id);
            assertThat(job.get("attempt").asInt()).as(id).isEqualTo(2);
            assertThat(job.get("node").asText()).as(id).isNotEqualTo(CUT_NAME);
            assertThat(job.get("attempts").get(0).get("outcome").asText()).as(id).isEqualTo("NODE_LOST");
        }

        net.heal(CUT);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> allSee(MEMBERS, 1, 2, 3));
        for (int member = 1; member <= MEMBERS; member++) {
            assertEveryJobSucceededOnceAsItRan(url(member), ids);
        }
        for (String id : onCut) {
            assertThat(Files.readAllLines(marks(id))).as("the cut-off attempt of %s was stopped", id)
                    .doesNotContain("end 1");
        }
        String after = submit(url(CUT), "true");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SUCCEEDED".equals(REST.job(url(1), after).get("state").asText()));
    }

    /** Jobs that sleep {@link #JOB_SECONDS}, spread over members 1 and 2, each marking its start and end. */
    private static List<String> submitMarkedJobs(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(submit(url(1 + i % 2), "echo start $JOBGRID_ATTEMPT $$ >> \"$MARKS/$JOBGRID_JOB_ID\"; sleep "
                    + JOB_SECONDS + "; "
                    + "echo end $JOBGRID_ATTEMPT >> \"$MARKS/$JOBGRID_JOB_ID\""));
        }
        return ids;
    }

    /** For a post-mortem: whether the cut-off member claimed mastership and when it lost its quorum. */
    private static void printCutMemberMastershipAndQuorumLog() throws IOException {
        try (Stream<String> log = Files.lines(dir.resolve(CUT_NAME + ".log"))) {
            log.filter(l -> l.contains("mastership claim process") || l.contains("Mastership is claimed")
                    || l.contains("quorum lost")).forEach(l -> System.err.println("NetworkCutIT: " + CUT_NAME + ": "
                    + l.substring(0, Math.min(l.length(), 160))));
        }
    }

    /** As {@code url} sees them: every job SUCCEEDED in exactly one attempt, the one whose end the marker file holds. */
    private static void assertEveryJobSucceededOnceAsItRan(String url, List<String> ids) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> allSucceeded(url, ids));
        for (String id : ids) {
            JsonNode job = REST.job(url, id);
            List<String> marks = Files.readAllLines(marks(id));
            int finalAttempt = job.get("attempt").asInt();
            assertThat(marks).as("what really ran of %s", id).containsOnlyOnce("end " + finalAttempt);
            assertThat(marks.stream().filter(l -> l.startsWith("end"))).as(id).hasSize(1);
            assertThat(job.get("attempts").findValuesAsText("outcome")).as(id)
                    .containsOnlyOnce("SUCCEEDED");
        }
    }

    private static Process launch(int member) throws IOException {
        Path config = dir.resolve("cut-" + member + ".yaml");
        List<String> seeds = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            seeds.add("\"" + net.address(i) + ":5701\"");
        }
        Files.writeString(config, String.join("\n", "clusterName: netcut-" + ProcessHandle.current().pid(),
                "members: [" + String.join(", ", seeds) + "]", "memberPort: 5701",
                "memberBind: " + net.address(member), "httpPort: 8080", "httpBind: " + net.address(member),
                "token: " + TOKEN, "slots: 2", "heartbeatTimeoutSeconds: " + HEARTBEAT_TIMEOUT.toSeconds(), ""));
        List<String> cmd = new ArrayList<>(net.exec(member));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", nodeJar().toString(), "node", "--config", config.toString(), "--name", "cut-" + member));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cut-" + member + ".log").toFile()).start();
    }

    /** Maven runs failsafe in node/, after package built the jar. */
    private static Path nodeJar() {
        return Stream.iterate(Path.of("").toAbsolutePath(), d -> d != null, Path::getParent)
                .map(d -> d.resolve("node/target/jobgrid-node.jar")).filter(Files::exists).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node/target/jobgrid-node.jar: run mvn package first"));
    }

    private static String url(int member) {
        return "http://" + net.address(member) + ":8080";
    }

    private static Path marks(String id) {
        return dir.resolve("marks").resolve(id);
    }

    /** True when every listed member answers and lists exactly {@code count} nodes. */
    private static boolean allSee(int count, int... members) {
        for (int m : members) {
            try {
                if (E2eRest.JSON.readTree(REST.get(url(m), "/api/v1/nodes").body()).size() != count) {
                    return false;
                }
            } catch (Exception notYet) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSucceeded(String url, List<String> ids) throws Exception {
        for (String id : ids) {
            if (!"SUCCEEDED".equals(REST.job(url, id).get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static String submit(String url, String shell) throws Exception {
        return REST.submit(url, java.util.Map.of("shell", shell,
                "env", java.util.Map.of("MARKS", dir.resolve("marks").toString())));
    }
}
