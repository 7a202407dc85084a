package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REST contract over real HTTP against a real node. */
class RestApiTest {
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGrid grid;
    private static GridNode node;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void submitsReadsAndFetchesLogsOfAJob() throws Exception {
        HttpResponse<String> created = post("/api/v1/jobs",
                "{\"shell\":\"echo hi $K\",\"env\":{\"K\":\"V\"},\"name\":\"greet\",\"timeoutSeconds\":30,\"priority\":80,"
                        + "\"startWithin\":\"PT10M\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode done = awaitTerminal(id);
        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("name").asText()).isEqualTo("greet");
        assertThat(done.get("exitCode").asInt()).isZero();
        assertThat(done.get("node").asText()).isEqualTo(node.name());
        assertThat(done.get("attempts").get(0).get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("spec").get("timeoutSeconds").asDouble()).isEqualTo(30.0);
        assertThat(done.get("spec").get("priority").asInt()).isEqualTo(80);
        assertThat(done.get("spec").get("startWithin").asText()).isEqualTo("PT10M");
        HttpResponse<String> logs = get("/api/v1/jobs/" + id + "/logs");
        assertThat(logs.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(logs.body()).isEqualTo("hi V\n");
    }

    @Test
    void followsLogsLiveUntilTheJobEnds() throws Exception {
        String id = submit("{\"shell\":\"echo one; sleep 1; echo two\"}");

        HttpResponse<String> followed = get("/api/v1/jobs/" + id + "/logs?follow=true");

        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("one\ntwo\n");
        assertThat(JSON.readTree(get("/api/v1/jobs/" + id).body()).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void givesOneStreamOfTheLogsWhenAsked() throws Exception {
        String id = submit("{\"shell\":\"echo one; sleep 0.3; echo oops >&2; sleep 0.3; echo two\"}");

        HttpResponse<String> errors = get("/api/v1/jobs/" + id + "/logs?follow=true&stream=stderr");
        HttpResponse<String> both = get("/api/v1/jobs/" + id + "/logs");
        HttpResponse<String> out = get("/api/v1/jobs/" + id + "/logs?stream=STDOUT&from=4");
        HttpResponse<String> bad = get("/api/v1/jobs/" + id + "/logs?stream=stdin");

        assertThat(errors.body()).isEqualTo("oops\n");
        assertThat(both.body()).isEqualTo("one\noops\ntwo\n");
        assertThat(out.body()).isEqualTo("two\n");
        assertError(bad, 400, "stream");
        assertThat(bad.body()).contains("stdin");
    }

    @Test
    void aRunningJobSubmitsItsOwnChildThroughJobgridUrl() throws Exception {
        String script = "curl -sf -X POST \"$JOBGRID_URL/api/v1/jobs\" -H 'Content-Type: application/json' "
                + "-d \"{\\\"shell\\\":\\\"echo child of $JOBGRID_JOB_ID\\\",\\\"dependsOn\\\":[\\\"$JOBGRID_JOB_ID\\\"]}\"";
        String parent = submit(JSON.writeValueAsString(java.util.Map.of("shell", script)));

        JsonNode done = awaitTerminal(parent);

        assertThat(done.get("state").asText()).as(get("/api/v1/jobs/" + parent + "/logs").body()).isEqualTo("SUCCEEDED");
        assertThat(done.get("children")).hasSize(1);
        String child = done.get("children").get(0).asText();
        JsonNode kid = awaitTerminal(child);
        assertThat(kid.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(kid.get("parents").get(0).asText()).isEqualTo(parent);
        assertThat(get("/api/v1/jobs/" + child + "/logs").body()).isEqualTo("child of " + parent + "\n");
        JsonNode dag = JSON.readTree(get("/api/v1/jobs/" + child + "/dag").body());
        assertThat(dag.get("jobs")).hasSize(2);
        assertThat(dag.get("complete").asBoolean()).isTrue();
    }

    @Test
    void submitsAWholeDagAndRefusesACycleStoringNothing() throws Exception {
        int before = count();
        HttpResponse<String> cyclic = post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{\"shell\":\"true\"},"
                + "\"after\":[\"b\"]},{\"key\":\"b\",\"spec\":{\"shell\":\"true\"},\"after\":[\"a\"]}]}");
        assertError(cyclic, 400, "jobs");
        assertThat(count()).isEqualTo(before);

        HttpResponse<String> created = post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{\"shell\":\"true\"}},"
                + "{\"key\":\"b\",\"spec\":{\"shell\":\"true\"},\"after\":[\"a\"]}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String b = JSON.readTree(created.body()).get("ids").get("b").asText();
        assertThat(awaitTerminal(b).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void listsJobsNewestFirstWithFilters() throws Exception {
        String older = submit("{\"shell\":\"true\"}");
        String newer = submit("{\"shell\":\"true\"}");
        awaitTerminal(older);
        awaitTerminal(newer);

        JsonNode list = JSON.readTree(get("/api/v1/jobs?state=succeeded&limit=2").body());

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(newer);
        assertThat(list.get(1).get("id").asText()).isEqualTo(older);
    }

    @Test
    void refusesBadInputWithAJsonErrorNamingTheFieldAndStoresNothing() throws Exception {
        int before = count();

        assertError(post("/api/v1/jobs", "{\"shell\": \"echo"), 400, "shell");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"bogus\":1}"), 400, "bogus");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"timeoutSeconds\":\"soon\"}"), 400, "timeoutSeconds");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"env\":{\"A\":1}}"), 400, "env.A");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"maxAttempts\":0}"), 400, "maxAttempts");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"priority\":101}"), 400, "priority");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"priority\":-1}"), 400, "priority");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"priority\":\"high\"}"), 400, "priority");
        assertError(post("/api/v1/jobs/batch", "{\"jobs\":[{\"shell\":\"true\"},{\"shell\":\"true\",\"priority\":500}]}"),
                400, "jobs[1].priority");
        assertError(post("/api/v1/jobs", "{\"command\":[]}"), 400, "command");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":\"PT0S\"}"), 400, "startWithin");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":\"-PT10M\"}"), 400, "startWithin");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":\"P400D\"}"), 400, "startWithin");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":\"10 minutes\"}"), 400, "startWithin");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":[1]}"), 400, "startWithin");
        assertError(post("/api/v1/jobs/batch", "{\"jobs\":[{\"shell\":\"true\"},{\"shell\":\"true\",\"startWithin\":\"PT0S\"}]}"),
                400, "jobs[1].startWithin");
        assertError(post("/api/v1/jobs", "[1,2]"), 400, "body");
        assertError(post("/api/v1/jobs", ""), 400, "body");
        assertError(post("/api/v1/jobs", "{\"shell\":\"true\",\"shell\":\"false\"}"), 400, "shell");
        assertError(post("/api/v1/jobs", "{\"shell\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413, "body");
        HttpResponse<String> vector = post("/api/v1/vectors", "{\"name\":\"huge\",\"size\":100000000000}");
        assertError(vector, 413, "size");
        assertThat(vector.body()).contains("100000000000");
        assertError(get("/api/v1/jobs?state=DONE"), 400, "state");
        assertError(get("/api/v1/jobs?limit=lots"), 400, "limit");

        assertThat(count()).isEqualTo(before);
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() throws Exception {
        assertError(get("/api/v1/jobs/0000000000000"), 404, null);
        assertError(post("/api/v1/jobs/0000000000000/cancel", ""), 404, null);
        assertError(get("/api/v1/jobs/..%2F..%2Fetc%2Fpasswd"), 400, "id");
        assertError(get("/api/v1/nope"), 404, null);
    }

    @Test
    void cancellingAFinishedJobIs409() throws Exception {
        String id = submit("{\"shell\":\"true\"}");
        awaitTerminal(id);

        HttpResponse<String> response = post("/api/v1/jobs/" + id + "/cancel", "");

        assertError(response, 409, "state");
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("cannot move from SUCCEEDED");
    }

    @Test
    void servesNodesHealthAndMetrics() throws Exception {
        String id = submit("{\"shell\":\"true\"}");
        awaitTerminal(id);

        JsonNode nodes = JSON.readTree(get("/api/v1/nodes").body());
        HttpResponse<String> health = get("/health");
        String metrics = get("/metrics").body();

        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).get("name").asText()).isEqualTo(node.name());
        assertThat(nodes.get(0).get("slots").asInt()).isEqualTo(4);
        assertThat(nodes.get(0).get("healthy").asBoolean()).isTrue();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics).contains("jobgrid_jobs_finished_total{state=\"SUCCEEDED\"}");
    }

    @Test
    void healthSaysWhetherTheClusterIsSafeAndStaysUpWhileItIsNot() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(RestApiTest::clusterSafe);
        // A partition thread of this member held: the partitions a joiner needs cannot migrate to it.
        CountDownLatch held = new CountDownLatch(1);
        Internals.of(node.hazelcast()).runOnPartitionThread(0, () -> {
            try {
                held.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<GridNode> joiner = CompletableFuture.supplyAsync(() -> grid.start(s -> s));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> node.hazelcast().getCluster().getMembers().size() == 2);

            HttpResponse<String> migrating = get("/health");

            assertThat(migrating.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(migrating.body()).get("status").asText()).isEqualTo("UP");
            assertThat(JSON.readTree(migrating.body()).get("clusterSafe").asBoolean()).isFalse();
        } finally {
            held.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(RestApiTest::clusterSafe);
        joiner.get(30, TimeUnit.SECONDS).close(); // a planned leave: the node keeps its quorum
        await().atMost(Duration.ofSeconds(30)).until(() -> node.hazelcast().getCluster().getMembers().size() == 1);
    }

    private static boolean clusterSafe() throws Exception {
        return JSON.readTree(get("/health").body()).get("clusterSafe").asBoolean();
    }

    private static int count() throws Exception {
        return JSON.readTree(get("/api/v1/jobs?limit=10000").body()).size();
    }

    private static String submit(String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/jobs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static JsonNode awaitTerminal(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = JSON.readTree(get("/api/v1/jobs/" + id).body());
            return java.util.Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED")
                    .contains(last[0].get("state").asText());
        });
        return last[0];
    }

    static void assertError(HttpResponse<String> response, int status, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
