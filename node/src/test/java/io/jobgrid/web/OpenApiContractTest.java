package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.api.JobGrid;
import io.jobgrid.support.TestGrid;
import io.jobgrid.web.ContractClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The node's REST contract: a real node with a token, real HTTP, and every answer (status,
 * content type, headers, body) checked against the OpenAPI document that node serves. Exercises
 * every documented operation with good and bad input; the last test fails when one was left out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {
    private static final String TOKEN = "contract-test-token-of-some-length";
    private static final String READ_ONLY = "contract-read-only-token-of-some-length";
    private static final String UNKNOWN_ID = "01ARZ3NDEKTSV";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TestGrid grid;
    private static JobGrid node;
    private static ContractClient api;

    @BeforeAll
    static void start() throws Exception {
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0).token(TOKEN).readOnlyToken(READ_ONLY));
        api = ContractClient.connect(node.url(), TOKEN);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    @Order(1)
    void servesTheDocumentOfTheRoutesItRegistered() {
        Answer document = api.get(OpenApiDocument.PATH);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("openapi").asText()).startsWith("3.");
        // RestServer compares the routes Javalin registered with the document as it starts: a node that
        // started serves the document of exactly its routes.
        assertThat(api.documented()).isEqualTo(OpenApiDocument.load().routes()).hasSizeGreaterThan(20);
    }

    @Test
    @Order(1)
    void aServerWhoseRoutesDifferFromTheDocumentRefusesToStart() {
        assertThatThrownBy(() -> new RestServer(node.jobs(), node.nodes(), null, () -> true, () -> "",
                app -> app.get("/api/v1/undocumented", ctx -> ctx.result("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("served but not documented: [GET /api/v1/undocumented]")
                .hasMessageContaining("GET /api/v1/vectors/{name}/sum"); // documented, but no vector routes were given
    }

    @Test
    @Order(1)
    void everyOperationButHealthAsksForTheToken() {
        for (Route route : api.documented()) {
            Answer answer = api.anonymous(route.method(), route.path().replaceAll("\\{[^}]+}", UNKNOWN_ID));

            assertThat(answer.status()).as(route.toString()).isEqualTo(route.path().equals("/health") ? 200 : 401);
        }
    }

    @Test
    @Order(1)
    void theReadOnlyTokenReadsButEveryStateChangingOperationAnswers403() throws Exception {
        ContractClient readOnly = ContractClient.connect(node.url(), READ_ONLY);

        for (Route route : readOnly.documented()) {
            if (!route.method().equals("GET")) {
                String path = route.path().replaceAll("\\{[^}]+}", UNKNOWN_ID);
                assertError(readOnly.send(route.method(), path, "{}", true), 403, null);
            }
        }
        assertThat(readOnly.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/v1/nodes").status()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void healthAndMetrics() {
        Answer health = api.get("/health");
        Answer metrics = api.get("/metrics");

        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE");
    }

    @Test
    @Order(1)
    void unknownRoutesAnswerAJsonError() {
        assertError(api.unrouted("GET", "/api/v1/nope", null), 404, null);
        assertError(api.unrouted("PUT", "/api/v1/jobs", "{}"), 404, null);
    }

    @Test
    @Order(2)
    void submitsReadsAndListsJobs() {
        String first = submit("{\"shell\":\"echo hi $K\",\"name\":\"greet\",\"env\":{\"K\":\"V\"},\"timeoutSeconds\":30,"
                + "\"maxAttempts\":2,\"backoff\":{\"initialSeconds\":1,\"factor\":2,\"maxSeconds\":5},"
                + "\"constraints\":{},\"idempotencyKey\":\"contract-1\",\"priority\":70,\"startWithin\":\"PT1H\"}");
        Answer child = api.post("/api/v1/jobs", "{\"command\":[\"true\"],\"dependsOn\":[\"" + first + "\"]}");

        assertThat(child.json().get("state").asText()).isEqualTo("WAITING");
        awaitState(child.json().get("id").asText(), "SUCCEEDED");
        assertThat(api.get("/api/v1/jobs/" + first).json().get("children").get(0).asText())
                .isEqualTo(child.json().get("id").asText());
        Answer page = api.get("/api/v1/jobs?state=SUCCEEDED&limit=1");
        assertThat(page.json()).hasSize(1);
        assertThat(page.header("X-Jobgrid-Next")).isNotNull();
        assertThat(api.get("/api/v1/jobs?node=" + node.name() + "&before=" + page.header("X-Jobgrid-Next")).status())
                .isEqualTo(200);
        Answer named = api.get("/api/v1/jobs?name=GREE&createdAfter=2020-01-01T00:00:00Z&createdBefore="
                + java.time.Instant.now().plusSeconds(3600) + "&limit=10");
        assertThat(named.json()).singleElement().satisfies(j -> assertThat(j.get("id").asText()).isEqualTo(first));
    }

    @Test
    @Order(2)
    void refusesBadJobsNamingTheField() {
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"shel\":1}"), 400, "shel");
        assertError(api.post("/api/v1/jobs", "not json"), 400, "body");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"maxAttempts\":0}"), 400, "maxAttempts");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"priority\":101}"), 400, "priority");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"startWithin\":\"PT0S\"}"), 400, "startWithin");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"dependsOn\":[\"" + UNKNOWN_ID + "\"]}"), 400,
                "dependsOn");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"" + "x".repeat(200_000) + "\"}"), 413, "shell");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"" + "x".repeat(1_100_000) + "\"}"), 413, "body");
        assertError(api.get("/api/v1/jobs?state=DONE"), 400, "state");
        assertError(api.get("/api/v1/jobs?limit=0"), 400, "limit");
        assertError(api.get("/api/v1/jobs?before=nope"), 400, "before");
        assertError(api.get("/api/v1/jobs?createdAfter=yesterday"), 400, "createdAfter");
        assertError(api.get("/api/v1/jobs?createdAfter=2026-01-02T00:00:00Z&createdBefore=2026-01-01T00:00:00Z"), 400,
                "createdBefore");
        assertError(api.get("/api/v1/jobs?name=" + "n".repeat(257)), 400, "name");
        assertError(api.get("/api/v1/jobs/nope"), 400, "id");
        assertError(api.get("/api/v1/jobs/" + UNKNOWN_ID), 404, null);
    }

    @Test
    @Order(2)
    void servesLogsAsTextAndFollowsThemToTheEnd() {
        String id = submit("{\"shell\":\"echo one; echo two >&2\"}");

        Answer followed = api.get("/api/v1/jobs/" + id + "/logs?follow=true");
        Answer logs = api.get("/api/v1/jobs/" + id + "/logs?attempt=1&from=0");

        assertThat(followed.body()).contains("one\n", "two\n");
        assertThat(logs.body()).isEqualTo(followed.body());
        assertThat(logs.header("X-Jobgrid-Attempt")).isEqualTo("1");
        assertThat(logs.header("X-Jobgrid-Dropped-Bytes")).isEqualTo("0");
        assertThat(api.get("/api/v1/jobs/" + id + "/logs?stream=stderr").body()).isEqualTo("two\n");
        assertThat(api.get("/api/v1/jobs/" + id + "/logs?stream=stdout&follow=true").body()).isEqualTo("one\n");
        assertError(api.get("/api/v1/jobs/" + id + "/logs?stream=both"), 400, "stream");
        assertError(api.get("/api/v1/jobs/" + id + "/logs?attempt=x"), 400, "attempt");
        assertError(api.get("/api/v1/jobs/" + id + "/logs?attempt=9"), 400, "attempt");
        assertError(api.get("/api/v1/jobs/" + UNKNOWN_ID + "/logs"), 404, null);
    }

    @Test
    @Order(2)
    void cancelsAJobOnceThenRefusesTheIllegalMove() {
        String id = submit("{\"shell\":\"echo started; exec sleep 60\"}");
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/jobs/" + id + "/logs").body().contains("started"));

        Answer cancelled = api.post("/api/v1/jobs/" + id + "/cancel?cascade=true", null);

        assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
        assertError(api.post("/api/v1/jobs/" + id + "/cancel", null), 409, "state");
        assertError(api.post("/api/v1/jobs/" + UNKNOWN_ID + "/cancel", null), 404, null);
        assertError(api.post("/api/v1/jobs/nope/cancel", null), 400, "id");
    }

    @Test
    @Order(2)
    void submitsListsAndCancelsAJobArrayAndCountsJobsByState() {
        Answer made = api.post("/api/v1/jobs", "{\"shell\":\"sleep 60\",\"name\":\"part\",\"array\":{\"count\":3}}");

        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String array = made.json().get("id").asText();
        assertThat(made.json().get("ids")).hasSize(3);
        Answer listed = api.get("/api/v1/jobs?array=" + array);
        assertThat(StreamSupport.stream(listed.json().spliterator(), false).map(j -> j.get("array").get("index").asInt()))
                .containsExactlyInAnyOrder(0, 1, 2);
        Answer summary = api.get("/api/v1/jobs/summary");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("QUEUED").asLong() + summary.json().get("RUNNING").asLong()).isGreaterThanOrEqualTo(3);
        assertError(api.post("/api/v1/jobs/" + array + "/cancel?cascade=true", null), 400, "cascade");
        assertThat(api.get("/api/v1/jobs?array=" + array + "&state=CANCELLED").json()).isEmpty();
        Answer cancelled = api.post("/api/v1/jobs/" + array + "/cancel", null);
        assertThat(cancelled.json().get("array").asText()).isEqualTo(array);
        assertThat(cancelled.json().get("cancelled").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/jobs?array=" + array + "&state=CANCELLED").json()).hasSize(3);
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"array\":{\"count\":0}}"), 400, "array.count");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"array\":{\"count\":100001}}"), 400, "array.count");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"array\":{}}"), 400, "array.count");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"idempotencyKey\":\"k\",\"array\":{\"count\":2}}"),
                400, "idempotencyKey");
        assertError(api.post("/api/v1/jobs/batch", "{\"jobs\":[{\"shell\":\"true\",\"array\":{\"count\":2}}]}"), 400,
                "jobs[0].array");
        assertError(api.get("/api/v1/jobs?array=nope"), 400, "array");
    }

    @Test
    @Order(2)
    void submitsADagAndWalksIt() {
        Answer dag = api.post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{\"shell\":\"true\"}},"
                + "{\"key\":\"b\",\"spec\":{\"command\":[\"false\"]},\"after\":[\"a\"]},"
                + "{\"key\":\"c\",\"spec\":{\"shell\":\"true\"},\"after\":[\"b\"]}]}");
        String a = dag.json().get("ids").get("a").asText();

        assertThat(dag.status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/jobs/" + a + "/dag").json().get("complete").asBoolean());
        JsonNode walked = api.get("/api/v1/jobs/" + a + "/dag").json();
        assertThat(StreamSupport.stream(walked.get("jobs").spliterator(), false).map(j -> j.get("state").asText()))
                .containsExactlyInAnyOrder("SUCCEEDED", "FAILED", "SKIPPED");
        assertError(api.post("/api/v1/dags", "{}"), 400, "jobs");
        assertError(api.post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{}}]}"), 400, "jobs[0].spec.command");
        assertError(api.get("/api/v1/jobs/" + UNKNOWN_ID + "/dag"), 404, null);
    }

    @Test
    @Order(2)
    void submitsABatchAndStoresNothingWhenOneSpecIsBad() {
        Answer batch = api.post("/api/v1/jobs/batch", "{\"jobs\":[{\"shell\":\"true\"},{\"command\":[\"false\"]},"
                + "{\"shell\":\"true\",\"idempotencyKey\":\"batch-contract\"}]}");

        assertThat(batch.status()).isEqualTo(201);
        java.util.List<String> ids = StreamSupport.stream(batch.json().get("ids").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/jobs/" + ids.get(1)).json().get("state").asText()
                .equals("FAILED"));
        assertThat(api.get("/api/v1/jobs/" + ids.get(0)).json().get("name").isNull()).isTrue();
        int before = api.get("/api/v1/jobs?limit=1000").json().size();
        assertError(api.post("/api/v1/jobs/batch", "{\"jobs\":[{\"shell\":\"true\"},{\"shell\":\"\"}]}"), 400,
                "jobs[1].command");
        assertError(api.post("/api/v1/jobs/batch", "{}"), 400, "jobs");
        assertThat(api.get("/api/v1/jobs?limit=1000").json().size()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void streamsEventsInTheirDocumentedShapes() {
        try (EventLines events = api.events("?buffer=64")) {
            await().atMost(PATIENCE).until(() -> !events.events("hello", d -> true).isEmpty());

            String id = submit("{\"shell\":\"exit 3\"}");

            await().atMost(PATIENCE).until(() -> !events.events("job", d -> d.get("id").asText().equals(id)
                    && d.get("event").asText().equals("finished")).isEmpty());
            assertThat(events.problems()).isEmpty();
        }
        assertError(api.get("/api/v1/events?buffer=0"), 400, "buffer");
    }

    @Test
    @Order(2)
    void runsVectorOperationsOverRest() {
        String v = "/api/v1/vectors";
        assertThat(api.post(v, "{\"name\":\"cv\",\"size\":4,\"init\":\"range\",\"start\":1,\"step\":1}").status())
                .isEqualTo(201);
        api.post(v, "{\"name\":\"cw\",\"size\":4,\"init\":\"fill\",\"value\":2}");
        api.post(v, "{\"name\":\"cr\",\"size\":4,\"init\":\"random\",\"seed\":7}");
        api.post(v, "{\"name\":\"cz\",\"size\":0,\"init\":\"zeros\"}");
        api.post(v, "{\"name\":\"huge\",\"size\":4,\"init\":\"fill\",\"value\":1e308}");

        assertThat(api.get(v).json()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(api.get(v + "/cv").json().get("size").asLong()).isEqualTo(4);
        assertThat(api.post(v + "/cv/add", "{\"scalar\":1}").json().get("version").asLong()).isEqualTo(1);
        api.post(v + "/cv/scale", "{\"scalar\":2}");
        api.post(v + "/cv/axpy", "{\"a\":0.5,\"x\":\"cw\"}");
        api.post(v + "/cv/mul", "{\"x\":\"cw\"}");
        api.post(v + "/huge/scale", "{\"scalar\":10}");
        assertThat(api.get(v + "/cv/slice?from=0&to=4").json().get("values").toString()).isEqualTo("[10.0,14.0,18.0,22.0]");
        assertThat(api.get(v + "/cv/sum").json().get("value").asDouble()).isEqualTo(64);
        assertThat(api.get(v + "/cv/min").json().get("value").asDouble()).isEqualTo(10);
        assertThat(api.get(v + "/cv/max").json().get("value").asDouble()).isEqualTo(22);
        assertThat(api.get(v + "/cw/norm2").json().get("value").asDouble()).isEqualTo(4);
        assertThat(api.get(v + "/cv/dot?with=cw").json().get("value").asDouble()).isEqualTo(128);
        assertThat(api.get(v + "/huge/sum").json().get("value").asText()).isEqualTo("Infinity");
        assertThat(api.delete(v + "/cr").status()).isEqualTo(204);
        assertThat(api.post(v + "/eval", "{\"expr\":\"dot(cv, cw) - sum(cv)\"}").json().get("value").asDouble())
                .isEqualTo(64);
        assertThat(api.post(v + "/eval", "{\"expr\":\"cs = cv * 2 + cw\"}").json().get("vector").asText())
                .isEqualTo("cs");
    }

    @Test
    @Order(2)
    void refusesBadVectorRequestsNamingTheField() {
        String v = "/api/v1/vectors";
        api.post(v, "{\"name\":\"bad\",\"size\":3}");
        api.post(v, "{\"name\":\"empty\",\"size\":0}");
        api.post(v, "{\"name\":\"long\",\"size\":1000001}");

        assertError(api.post(v, "{\"name\":\"n\",\"size\":-4}"), 400, "size");
        assertError(api.post(v, "{\"name\":\"n\",\"size\":3,\"valeu\":1}"), 400, "valeu");
        assertError(api.post(v, "{\"name\":\"bad\",\"size\":3}"), 409, null);
        assertError(api.post(v, "{\"name\":\"n\",\"size\":100000000000}"), 413, "size");
        assertError(api.get(v + "/missing"), 404, null);
        assertError(api.post(v + "/bad/add", "{\"scalar\":\"x\"}"), 400, "scalar");
        assertError(api.post(v + "/missing/scale", "{\"scalar\":2}"), 404, null);
        assertError(api.post(v + "/bad/axpy", "{\"a\":1}"), 400, "x");
        assertError(api.post(v + "/bad/mul", "{\"x\":\"long\"}"), 400, "x");
        assertError(api.get(v + "/missing/sum"), 404, null);
        assertError(api.get(v + "/empty/min"), 400, "name");
        assertError(api.get(v + "/empty/max"), 400, "name");
        assertError(api.get(v + "/missing/norm2"), 404, null);
        assertError(api.get(v + "/bad/dot"), 400, "with");
        assertError(api.get(v + "/bad/slice?from=0&to=x"), 400, "to");
        assertError(api.get(v + "/long/slice?from=0&to=1000001"), 413, "to");
        assertError(api.delete(v + "/missing"), 404, null);
        assertError(api.post(v + "/eval", "{\"expr\":\"sum(bad *)\"}"), 400, "expr");
        assertError(api.post(v + "/eval", "{\"expr\":\"sum(bad + long)\"}"), 400, "expr");
    }

    @Test
    @Order(2)
    void createsFiresPausesAndDeletesASchedule() {
        String base = "/api/v1/schedules";
        Answer created = api.post(base, "{\"name\":\"tick\",\"every\":\"PT1S\",\"job\":{\"shell\":\"true\"},"
                + "\"overlap\":\"allow\",\"misfire\":\"one\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Answer cron = api.post(base, "{\"cron\":\"0 30 2 * * *\",\"timezone\":\"America/New_York\","
                + "\"job\":{\"command\":[\"true\"]}}");
        assertThat(cron.status()).isEqualTo(201);

        await().atMost(PATIENCE).until(() -> !api.get(base + "/" + id).json().get("lastJob").isNull());
        String job = api.get(base + "/" + id).json().get("lastJob").asText();
        assertThat(api.get("/api/v1/jobs/" + job).json().get("spec").get("idempotencyKey").asText())
                .startsWith("schedule:" + id + ":");
        Answer fired = api.get("/api/v1/jobs?schedule=" + id + "&limit=1000");
        assertThat(fired.status()).isEqualTo(200);
        assertThat(fired.json()).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("schedule").asText()).isEqualTo(id);
            assertThat(j.get("spec").get("idempotencyKey").asText()).isEqualTo("schedule:" + id + ":"
                    + java.time.Instant.parse(j.get("fireTime").asText()).toEpochMilli());
        });
        assertThat(fired.json().findValuesAsText("id")).contains(job);
        assertThat(api.get("/api/v1/jobs?schedule=" + cron.json().get("id").asText()).json()).isEmpty();
        assertError(api.get("/api/v1/jobs?schedule=" + "s".repeat(257)), 400, "schedule");
        Answer other = api.get(base + "/" + cron.json().get("id").asText());
        assertThat(other.json().get("overlap").asText()).isEqualTo("skip");
        assertThat(other.json().get("timezone").asText()).isEqualTo("America/New_York");
        java.util.List<java.time.Instant> upcoming = new java.util.ArrayList<>();
        other.json().get("nextFireTimes").forEach(t -> upcoming.add(java.time.Instant.parse(t.asText())));
        assertThat(upcoming).hasSize(5).isSorted().doesNotHaveDuplicates()
                .startsWith(java.time.Instant.parse(other.json().get("nextFireTime").asText()));
        assertThat(api.get(base).json().get(0).has("nextFireTimes")).as("only for one schedule").isFalse();
        assertThat(api.get(base).json()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(api.post(base + "/" + id + "/pause", null).json().get("paused").asBoolean()).isTrue();
        assertThat(api.post(base + "/" + id + "/resume", null).json().get("paused").asBoolean()).isFalse();
        assertThat(api.delete(base + "/" + id).status()).isEqualTo(204);
        assertError(api.get(base + "/" + id), 404, null);
        assertError(api.delete(base + "/" + id), 404, null);
        assertError(api.post(base + "/" + id + "/pause", null), 404, null);
        assertError(api.post(base + "/" + id + "/resume", null), 404, null);
    }

    @Test
    @Order(2)
    void refusesBadSchedulesNamingTheFieldAndStoresNothing() {
        String base = "/api/v1/schedules";
        int before = api.get(base).json().size();
        String job = ",\"job\":{\"shell\":\"true\"}}";
        assertError(api.post(base, "{\"cron\":\"0 * * * *\"" + job), 400, "cron");
        assertError(api.post(base, "{\"cron\":\"0 61 * * * *\"" + job), 400, "cron");
        assertError(api.post(base, "{\"cron\":\"0 0 * * * *\",\"timezone\":\"Mars/Olympus\"" + job), 400, "timezone");
        assertError(api.post(base, "{\"every\":\"30s\"" + job), 400, "every");
        assertError(api.post(base, "{\"every\":\"PT0.5S\"" + job), 400, "every");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"overlap\":\"sometimes\"" + job), 400, "overlap");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"misfire\":\"all\"" + job), 400, "misfire");
        assertError(api.post(base, "{\"every\":\"PT5S\"}"), 400, "job");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"job\":{\"shell\":\"true\",\"maxAttempts\":0}}"), 400,
                "job.maxAttempts");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"job\":{}}"), 400, "job.command");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"job\":{\"shell\":\"true\",\"idempotencyKey\":\"k\"}}"),
                400, "job.idempotencyKey");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"cronn\":1" + job), 400, "cronn");
        assertError(api.post(base, "{\"every\":\"PT5S\",\"job\":{\"task\":\"no-such-type\"}}"), 400, "job.task");
        assertThat(api.get(base).json().size()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void listsNodesAndDrainsOne() {
        try (EventLines events = api.events("")) {
            JobGrid spare = grid.start(s -> s);
            await().atMost(PATIENCE).until(() -> api.get("/api/v1/nodes").json().size() == 2);

            Answer drained = api.post("/api/v1/nodes/" + spare.name() + "/drain", null);

            assertThat(drained.status()).isEqualTo(202);
            assertThat(drained.json().get("name").asText()).isEqualTo(spare.name());
            assertError(api.post("/api/v1/nodes/nobody/drain", null), 404, null);
            await().atMost(PATIENCE).until(() -> !events.events("member", d -> d.get("event").asText()
                    .equals("removed")).isEmpty());
            assertThat(events.events("member", d -> d.get("event").asText().equals("added"))).isNotEmpty();
            assertThat(events.problems()).isEmpty();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void exercisedEveryDocumentedOperation() {
        assertThat(api.exercised()).containsExactlyElementsOf(api.documented());
    }

    private static String submit(String spec) {
        Answer created = api.post("/api/v1/jobs", spec);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void awaitState(String id, String state) {
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/jobs/" + id).json().get("state").asText().equals(state));
    }

    /** The answer is the JSON error of {@code status}; {@code field} as named (null: no field). */
    @Test
    @Order(2)
    void setsListsAndDeletesConcurrencyLimitsAndRefusesBadOnesStoringNothing() {
        assertError(api.send("PUT", "/api/v1/limits/db", "{\"max\":-1}", true), 400, "max");
        assertError(api.send("PUT", "/api/v1/limits/db", "{\"max\":1000001}", true), 400, "max");
        assertError(api.send("PUT", "/api/v1/limits/db", "{\"max\":99999999999999}", true), 400, "max");
        assertError(api.send("PUT", "/api/v1/limits/db", "{}", true), 400, "max");
        assertError(api.send("PUT", "/api/v1/limits/db", "{\"max\":2,\"min\":1}", true), 400, "min");
        assertError(api.send("PUT", "/api/v1/limits/a%3Ab", "{\"max\":2}", true), 400, "key");
        assertError(api.post("/api/v1/jobs", "{\"shell\":\"true\",\"concurrencyKey\":\"a b\"}"), 400,
                "concurrencyKey");
        assertThat(api.get("/api/v1/limits").json()).as("nothing stored").isEmpty();
        assertError(api.get("/api/v1/limits/db"), 404, null);

        Answer set = api.send("PUT", "/api/v1/limits/db", "{\"max\":2}", true);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("max").asInt()).isEqualTo(2);
        String id = api.post("/api/v1/jobs", "{\"shell\":\"sleep 30\",\"concurrencyKey\":\"db\"}").json()
                .get("id").asText();
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/limits/db").json().get("running").asInt() == 1);
        JsonNode listed = api.get("/api/v1/limits").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("key").asText()).isEqualTo("db");
        assertThat(listed.get(0).get("running").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/jobs/" + id).json().get("spec").get("concurrencyKey").asText()).isEqualTo("db");
        assertThat(api.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/limits/db").status()).isEqualTo(204);
        assertError(api.delete("/api/v1/limits/db"), 404, null);
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/limits").json().isEmpty());
    }

    private static void assertError(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode error = answer.json();
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("field").isNull() ? null : error.get("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
