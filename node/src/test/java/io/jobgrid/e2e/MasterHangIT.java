package io.jobgrid.e2e;

import io.jobgrid.support.EventStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hung master: four real member processes started by {@code bin/jobgrid up}, busy with jobs;
 * the master is stopped with SIGSTOP (a stuck JVM, a paused VM: silent, no TCP reset) for longer
 * than the heartbeat timeout, then resumed with SIGCONT. The three others must remove it within the
 * timeout and must never remove one another: not while they agree on a new master, and not when
 * the old one wakes up with a stale member list and a failure detector that heard nothing for
 * seconds. Three rounds, since the master changes each time: the resumed member rejoins as the
 * youngest.
 */
class MasterHangIT {
    private static final int NODES = 4;
    private static final int ROUNDS = 3;
    /** The default heartbeat timeout, plus slack for a loaded CI machine (the chaos bench measures the real figure). */
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(5 + 4);
    /** Longer than detection: the resumed master's own detector has then heard nothing for several seconds. */
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final Pattern MEMBER_LINE = Pattern.compile("^\\tMember \\[[^]]+]:(\\d+) ");
    private static final E2eRest REST = new E2eRest(null);

    private static BinJobgrid cluster;
    private static final List<Long> stopped = new ArrayList<>();

    @BeforeAll
    static void up() throws IOException {
        cluster = BinJobgrid.forThisBuild(NODES);
        cluster.down();
        BinJobgrid.Result up = cluster.up();
        assertThat(up.exitCode()).as("bin/jobgrid up failed:%n%s", up.output()).isZero();
    }

    @AfterAll
    static void down() throws IOException {
        for (long pid : stopped) {
            signal(pid, "CONT"); // a stopped JVM cannot run its shutdown hook
        }
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void aHungMasterIsRemovedAndNoHealthyMemberIsEvictedWhileItHangsOrAfterItResumes() throws Exception {
        for (int i = 0; i < 400; i++) {
            REST.submit(cluster.url(1 + i % NODES), java.util.Map.of("shell", "sleep " + (1 + i % 3)));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            awaitAllSee(NODES, Duration.ofSeconds(120));
            int master = master();
            List<Integer> healthy = new ArrayList<>();
            List<EventStreamReader> readers = new ArrayList<>();
            for (int node = 1; node <= NODES; node++) {
                if (node != master) {
                    healthy.add(node);
                    readers.add(EventStreamReader.open(cluster.url(node)));
                }
            }
            long pid = cluster.nodePids().get(master - 1);

            long hungAt = System.nanoTime();
            signal(pid, "STOP");
            stopped.add(pid);
            await("round " + round + ": node-" + master + " (master, hung) removed by the others")
                    .atMost(DETECTION_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> healthy.stream().allMatch(n -> nodeCount(n) == NODES - 1));
            long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hungAt);
            // The hang itself is the scenario: it lasts HANG whatever the detection took.
            await().pollDelay(HANG.minusMillis(Math.min(detectedMs, HANG.toMillis()))).atMost(HANG.plusSeconds(1))
                    .until(() -> true);
            signal(pid, "CONT");
            stopped.remove(pid);
            awaitAllSee(NODES, Duration.ofSeconds(120));
            // The resumed member's detector and the merge act in the seconds after: none may remove a healthy node.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                    .until(() -> healthyRemovals(readers, master).isEmpty());
            System.err.printf("MasterHangIT: round %d, node-%d hung: removed after %d ms%n", round, master, detectedMs);

            assertThat(healthyRemovals(readers, master))
                    .as("round %d: removals of healthy members seen by node-%s while node-%d (master) hung and resumed",
                            round, healthy, master)
                    .isEmpty();
            readers.forEach(EventStreamReader::close);
        }
    }

    /** Member-removed events, seen by a healthy node, about any node but the hung master. */
    private static List<String> healthyRemovals(List<EventStreamReader> readers, int master) {
        List<String> out = new ArrayList<>();
        for (EventStreamReader r : readers) {
            for (EventStreamReader.Event e : r.events("member", d -> "removed".equals(d.path("event").asText()))) {
                if (!("node-" + master).equals(e.data().path("name").asText())) {
                    out.add(e.data().toString());
                }
            }
        }
        return out;
    }

    /** The node that is master now: the first (oldest) member of the latest member list node-1 logged. */
    private static int master() throws IOException {
        int oldest = -1;
        int first = -1;
        boolean inList = false;
        for (String line : Files.readAllLines(cluster.runDir().resolve("node-1.log"))) {
            Matcher m = MEMBER_LINE.matcher(line);
            if (line.startsWith("Members {")) {
                inList = true;
                first = -1;
            } else if (inList && m.find()) {
                first = first < 0 ? Integer.parseInt(m.group(1)) - cluster.memberBase() + 1 : first;
            } else if (inList) {
                inList = false;
                oldest = first;
            }
        }
        assertThat(oldest).as("master from node-1's member list").isBetween(1, NODES);
        return oldest;
    }

    private static void awaitAllSee(int count, Duration within) {
        await("every node lists " + count + " nodes").atMost(within).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    for (int n = 1; n <= NODES; n++) {
                        if (nodeCount(n) != count) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static int nodeCount(int node) {
        try {
            HttpResponse<String> r = REST.get(cluster.url(node), "/api/v1/nodes");
            return r.statusCode() == 200 ? E2eRest.JSON.readTree(r.body()).size() : -1;
        } catch (Exception notNow) {
            return -1;
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("kill -%s %d", signal, pid).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
