package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.jobgrid.e2e.BinJobgrid.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, the way the README tells a user to do it: {@code bin/jobgrid up 3} starts three
 * real node processes, a job goes in over real HTTP to one node and is read back from the others,
 * and {@code bin/jobgrid down} stops them all. Ports, cluster name and run dir are the test's own,
 * so a cluster the developer already runs on 8080.. is neither joined nor disturbed.
 */
class BinJobgridIT {
    private static final int NODES = 3;
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = TestJson.MAPPER;

    private static BinJobgrid cluster;
    private static final List<Long> nodePids = new ArrayList<>();

    @BeforeAll
    static void startThreeNodesWithBinJobgridUp() throws IOException {
        cluster = BinJobgrid.forThisBuild(NODES);
        cluster.down(); // nodes left over by an aborted earlier run would make `up` refuse

        BinJobgrid.Result up = cluster.up();

        assertThat(up.exitCode()).as("bin/jobgrid up failed:%n%s", up.output()).isZero();
        nodePids.addAll(cluster.nodePids());
        assertThat(nodePids).hasSize(NODES);
    }

    @AfterAll
    static void stopThemWithBinJobgridDown() throws IOException {
        if (cluster == null) {
            return;
        }

        BinJobgrid.Result down = cluster.down();

        assertThat(down.exitCode()).as("bin/jobgrid down failed:%n%s", down.output()).isZero();
        // An exited node may linger a moment as a zombie until init reaps it.
        await("node processes gone after bin/jobgrid down").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> nodePids.stream().noneMatch(BinJobgridIT::alive));
    }

    @Test
    void everyNodeListsAllThreeMembersOfTheCluster() {
        Set<String> expected = Set.of("node-1", "node-2", "node-3");

        for (int node = 1; node <= NODES; node++) {
            String url = cluster.url(node) + "/api/v1/nodes";
            await("3 nodes listed by " + url).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(names(getJson(url))).isEqualTo(expected));
        }
    }

    @Test
    void runsAShellJobSubmittedToOneNodeAndServesItsRecordAndOutputFromTheOthers() throws Exception {
        String spec = "{\"name\":\"e2e-greet\",\"shell\":\"echo hello-from-e2e; echo attempt=$JOBGRID_ATTEMPT\","
                + "\"timeoutSeconds\":30}";

        HttpResponse<String> submitted = post(cluster.url(2) + "/api/v1/jobs", spec);

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JSON.readTree(submitted.body()).path("id").asText();
        assertThat(id).isNotBlank();
        JsonNode done = awaitTerminal(cluster.url(1) + "/api/v1/jobs/" + id);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("exitCode").asInt(-1)).isZero();
        assertThat(done.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.path("name").asText()).isEqualTo("e2e-greet");
        assertThat(done.path("node").asText()).isIn("node-1", "node-2", "node-3");
        HttpResponse<String> logs = get(cluster.url(3) + "/api/v1/jobs/" + id + "/logs");
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body()).contains("hello-from-e2e", "attempt=1");
    }

    @Test
    void statusReportsEveryNodeStartedByUpAsHealthy() throws IOException {
        BinJobgrid.Result status = cluster.run("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("node-1", "node-2", "node-3", cluster.url(1));
        assertThat(status.output().lines().filter(line -> line.endsWith(" ok"))).hasSize(NODES);
    }

    @Test
    void upRefusesToStartASecondClusterOverTheRunningOne() throws IOException {
        BinJobgrid.Result again = cluster.up();

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("still running", "bin/jobgrid down");
        assertThat(cluster.nodePids()).containsExactlyInAnyOrderElementsOf(nodePids);
    }

    @Test
    void upRejectsANodeCountThatIsNotANumber() throws IOException {
        BinJobgrid.Result bad = run(cluster.root(), "up", "three");

        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("N must be between 1 and 20, but was 'three'");
    }

    @Test
    void upNamesAPortThatIsAlreadyInUseAndStartsNothing(@TempDir Path otherRunDir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            BinJobgrid.Result up = run(cluster.root(), "up", "1", "--http-port", String.valueOf(port),
                    "--run-dir", otherRunDir.toString());

            assertThat(up.exitCode()).isNotZero();
            assertThat(up.output()).contains("port " + port + " (REST of node-1) is already in use");
            assertThat(otherRunDir.resolve("node-1.pid")).doesNotExist();
        }
    }

    private static JsonNode awaitTerminal(String url) {
        Set<String> terminal = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("job at " + url + " to finish").atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    last.set(getJson(url));
                    assertThat(last.get().path("state").asText()).isIn(terminal);
                });
        return last.get();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Set<String> names(JsonNode nodes) {
        return StreamSupport.stream(nodes.spliterator(), false)
                .map(n -> n.path("name").asText())
                .collect(Collectors.toSet());
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
