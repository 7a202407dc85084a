package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.testkit.NetworkNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The discovery files of {@code config/}, loaded as shipped by real node processes started with
 * {@code node --hazelcast-config FILE} (or {@code hazelcastConfig:} in a {@code jobgrid.yaml}) and no
 * member addresses anywhere:
 * <ul>
 *   <li>{@code hazelcast-multicast.yaml}: three members, each in a network namespace of its own on
 *   one bridge (made and removed by this test), find each other by multicast alone;</li>
 *   <li>{@code hazelcast-tcpip.yaml}: two members in one namespace find each other on its
 *   loopback (the namespace keeps them apart from any cluster of the host named {@code jobgrid}
 *   on 5701, which the file would otherwise join).</li>
 * </ul>
 * Each cluster then runs one job on every member, so the members really work together. No
 * multicast route is added to the namespaces: the member joins the group on the interface it
 * binds to, so the shipped file works on a segment with no default route. Needs root and
 * iproute2, as {@link NetworkCutIT}; otherwise it is skipped, loudly.
 */
class DiscoveryIT {
    private static final String TOKEN = "discovery-test-token-0123456789";
    private static final E2eRest REST = new E2eRest(TOKEN);
    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(180);
    /** Long enough that every member is busy with one job before the first one ends (1 slot each). */
    private static final int JOB_SECONDS = 5;

    private final List<Process> nodes = new ArrayList<>();
    private NetworkNamespaces net;
    private Path dir;

    @BeforeEach
    void needsNamespaces() throws IOException {
        String why = NetworkNamespaces.whyNotUsable();
        if (why != null) {
            System.err.println("*** DiscoveryIT SKIPPED: " + why + " ***");
        }
        assumeTrue(why == null, "DiscoveryIT skipped: " + why);
        dir = Files.createDirectories(Path.of("target", "e2e-run", "DiscoveryIT").toAbsolutePath()); // for a post-mortem
    }

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
        nodes.clear();
        if (net != null) {
            net.close(); // also kills whatever still runs in the namespaces
            net = null;
        }
    }

    @Test
    void threeMembersInThreeNamespacesFindEachOtherByMulticastAndRunJobsTogether() throws Exception {
        net = NetworkNamespaces.create("jgd", 3, 191);
        List<String> urls = new ArrayList<>();
        for (int member = 1; member <= 3; member++) {
            nodes.add(launch(member, "mc-" + member, 8080, "--hazelcast-config", shipped("hazelcast-multicast.yaml")));
            urls.add("http://" + net.address(member) + ":8080");
        }

        await("3 members found by multicast").atMost(JOIN_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> urls.stream().allMatch(url -> lists(url, 3)));

        assertThat(Set.copyOf(nodesThatRanOneJobEach(urls))).containsExactlyInAnyOrder("mc-1", "mc-2", "mc-3");
        // whichever member came first found no one and became master; the other two found it by multicast
        assertThat(Stream.of("mc-1", "mc-2", "mc-3").filter(this::joinedByMulticast)).as("members that joined a "
                + "member they discovered by multicast (logs in %s)", dir).hasSize(2);
    }

    @Test
    void theTcpIpFileAsShippedJoinsTwoMembersOnLoopbackGivenOnTheCommandLineOrInJobgridYaml() throws Exception {
        net = NetworkNamespaces.create("jgd", 1, 192);
        List<String> urls = List.of("http://" + net.address(1) + ":8080", "http://" + net.address(1) + ":8081");
        Path config = dir.resolve("tcp-2.yaml"); // hazelcastConfig is relative to the file that names it
        Files.writeString(config, "hazelcastConfig: " + dir.relativize(Path.of(shipped("hazelcast-tcpip.yaml"))) + "\n");

        nodes.add(launch(1, "tcp-1", 8080, "--hazelcast-config", shipped("hazelcast-tcpip.yaml")));
        nodes.add(launch(1, "tcp-2", 8081, "--config", config.toString()));

        await("2 members joined by the TCP-IP file").atMost(JOIN_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> urls.stream().allMatch(url -> lists(url, 2)));

        assertThat(Set.copyOf(nodesThatRanOneJobEach(urls))).containsExactlyInAnyOrder("tcp-1", "tcp-2");
        for (String node : List.of("tcp-1", "tcp-2")) {
            assertThat(Files.readString(dir.resolve(node + ".log"))).as("the member address of %s", node)
                    .contains("Member [127.0.0.1]:5701").contains("Member [127.0.0.1]:5702");
        }
    }

    /**
     * Submits one job per member, each to a different member, and returns the nodes that ran them.
     * With one slot per member and jobs longer than the submissions take, each member runs one.
     */
    private static List<String> nodesThatRanOneJobEach(List<String> urls) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String url : urls) {
            ids.add(REST.submit(url, Map.of("shell", "sleep " + JOB_SECONDS, "timeoutSeconds", 60)));
        }
        List<String> ranOn = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String readFrom = urls.get((i + 1) % urls.size()); // read back from another member than the one that took it
            await("job " + id + " SUCCEEDED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SUCCEEDED".equals(REST.job(readFrom, id).path("state").asText()));
            JsonNode job = REST.job(readFrom, id);
            assertThat(job.get("attempt").asInt()).as(id).isEqualTo(1);
            ranOn.add(job.get("node").asText());
        }
        assertThat(new HashSet<>(ranOn)).as("one job on each member").hasSize(urls.size());
        return ranOn;
    }

    /**
     * A node process inside the namespace of {@code member}, started as a user would, with the
     * shipped Hazelcast file and nothing about other members. REST listens on the namespace's
     * address (so this JVM reaches it over the bridge), which needs a token.
     */
    private Process launch(int member, String name, int httpPort, String... discovery) throws IOException {
        List<String> cmd = new ArrayList<>(net.exec(member));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", repoFile("node/target/jobgrid-node.jar").toString(), "node"));
        cmd.addAll(List.of(discovery));
        cmd.addAll(List.of("--name", name, "--http-port", Integer.toString(httpPort), "--http-bind", net.address(member),
                "--token", TOKEN, "--slots", "1"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private boolean joinedByMulticast(String node) {
        try {
            return Files.readAllLines(dir.resolve(node + ".log")).stream()
                    .anyMatch(l -> l.contains("MulticastJoiner") && l.contains("Trying to join to discovered node"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** True when {@code url} answers and lists exactly {@code count} nodes. */
    private static boolean lists(String url, int count) {
        try {
            return E2eRest.JSON.readTree(REST.get(url, "/api/v1/nodes").body()).size() == count;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static String shipped(String hazelcastFile) {
        return repoFile("config/" + hazelcastFile).toString();
    }

    /** A file of the repository; Maven runs failsafe in node/, after package built the jar. */
    private static Path repoFile(String relative) {
        return Stream.iterate(Path.of("").toAbsolutePath(), d -> d != null, Path::getParent)
                .map(d -> d.resolve(relative)).filter(Files::exists).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + relative + " above the working directory"
                        + " (the jar: run mvn package first)"));
    }
}
