package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.GreetTask;
import io.jobgrid.support.TestGrid;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Named Java tasks over real HTTP, every answer checked against the OpenAPI document: the node
 * answering has no task types, the other has "greet", so the type is found through what nodes
 * advertise and the task runs only where it is.
 */
class NamedTaskRestTest {
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static final String TOKEN = "named-task-token";
    private static TestGrid grid;
    private static GridNode front;
    private static GridNode worker;
    private static ContractClient api;
    private static ContractClient workerApi;

    @BeforeAll
    static void start() throws Exception {
        grid = new TestGrid();
        front = grid.start(s -> s.name("front").httpPort(0).token(TOKEN).taskSlots(2));
        worker = grid.start(s -> s.name("worker").httpPort(0).token(TOKEN).taskSlots(2)
                .taskTypes(List.of(new GreetTask())));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                front.nodes().list().stream().anyMatch(n -> n.taskTypes().contains("greet")));
        api = ContractClient.connect(front.url(), TOKEN);
        workerApi = ContractClient.connect(worker.url(), TOKEN);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void runsANamedTaskOnTheNodeThatHasItAndShowsItsResult() throws Exception {
        ContractClient.Answer created = api.post("/api/v1/jobs",
                "{\"task\":\"greet\",\"args\":{\"who\":\"ann\",\"times\":2},\"name\":\"hi\",\"maxAttempts\":2}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode done = awaitTerminal(id);
        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("node").asText()).isEqualTo("worker");
        assertThat(done.get("spec").get("task").asText()).isEqualTo("greet");
        assertThat(done.get("spec").get("args").get("times").asText()).isEqualTo("2");
        assertThat(done.get("result").get("value").asText()).isEqualTo("hello ann hello ann");
        assertThat(api.get("/api/v1/jobs/" + id + "/logs").body()).isEqualTo("hello ann hello ann\n");
    }

    @Test
    void nodesAdvertiseTheirTaskTypes() throws Exception {
        JsonNode nodes = JSON.readTree(api.get("/api/v1/nodes").body());

        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo("worker");
            assertThat(n.get("taskTypes").get(0).asText()).isEqualTo("greet");
            assertThat(n.get("taskSlots").asInt()).isEqualTo(2);
        });
    }

    @Test
    void anUnknownTaskNameIsA400NamingItAndNothingIsStored() throws Exception {
        int before = jobCount();

        ContractClient.Answer refused = api.post("/api/v1/jobs", "{\"task\":\"grete\",\"args\":{\"who\":\"x\"}}");

        assertThat(refused.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("field").asText()).isEqualTo("task");
        assertThat(error.get("error").asText()).contains("'grete'", "greet");
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void badArgumentsAreA400NamingTheArgumentAndNothingIsStored() throws Exception {
        int before = jobCount();

        ContractClient.Answer missing = workerApi.post("/api/v1/jobs", "{\"task\":\"greet\",\"args\":{}}");
        ContractClient.Answer badValue = workerApi.post("/api/v1/jobs",
                "{\"task\":\"greet\",\"args\":{\"who\":\"bo\",\"times\":\"many\"}}");
        ContractClient.Answer nested = api.post("/api/v1/jobs", "{\"task\":\"greet\",\"args\":{\"who\":{\"a\":1}}}");
        ContractClient.Answer both = api.post("/api/v1/jobs", "{\"task\":\"greet\",\"shell\":\"true\"}");

        assertThat(field(missing)).isEqualTo("args.who");
        assertThat(field(badValue)).isEqualTo("args.times");
        assertThat(JSON.readTree(badValue.body()).get("error").asText()).contains("'many'");
        assertThat(field(nested)).isEqualTo("args.who");
        assertThat(field(both)).isEqualTo("task");
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void aDagWithANamedTaskRunsItAndOneWithAnUnknownTypeIsRefusedWhole() throws Exception {
        int before = jobCount();
        ContractClient.Answer refused = api.post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{\"shell\":\"true\"}},"
                + "{\"key\":\"b\",\"spec\":{\"task\":\"grete\"},\"after\":[\"a\"]}]}");
        assertThat(field(refused)).isEqualTo("task");
        assertThat(jobCount()).isEqualTo(before);

        ContractClient.Answer created = api.post("/api/v1/dags", "{\"jobs\":[{\"key\":\"a\",\"spec\":{\"shell\":\"true\"}},"
                + "{\"key\":\"b\",\"spec\":{\"task\":\"greet\",\"args\":{\"who\":\"dag\"}},\"after\":[\"a\"]}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode b = awaitTerminal(JSON.readTree(created.body()).get("ids").get("b").asText());
        assertThat(b.get("result").get("value").asText()).isEqualTo("hello dag");
    }

    private static String field(ContractClient.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return JSON.readTree(answer.body()).get("field").asText();
    }

    private static int jobCount() throws Exception {
        return JSON.readTree(api.get("/api/v1/jobs?limit=1000").body()).size();
    }

    private static JsonNode awaitTerminal(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                JSON.readTree(api.get("/api/v1/jobs/" + id).body()), j -> List.of("SUCCEEDED", "FAILED", "TIMED_OUT",
                "CANCELLED", "SKIPPED").contains(j.get("state").asText()));
    }
}
