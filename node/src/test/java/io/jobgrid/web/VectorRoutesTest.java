package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.HazelcastTestSupport;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import io.javalin.Javalin;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.support.TestJson;
import io.jobgrid.vectors.HzVectors;
import io.jobgrid.vectors.VectorGridConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The vector routes over real HTTP, against a real member, with the node's error contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorRoutesTest {
    private final ObjectMapper json = TestJson.MAPPER;
    private final HttpClient http = HttpClient.newHttpClient();
    private TestHazelcastInstanceFactory factory;
    private Javalin app;
    private String base;

    @BeforeAll
    void start() {
        factory = new TestHazelcastInstanceFactory(1);
        Config config = HazelcastTestSupport.smallInstanceConfig();
        config.getJetConfig().setEnabled(true);
        HazelcastInstance member = factory.newHazelcastInstance(VectorGridConfig.apply(config, 1));
        app = Javalin.create();
        app.exception(JobGridException.class, (e, ctx) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            int status = e instanceof TooLargeException ? 413 : e instanceof InvalidInputException ? 400
                    : e instanceof NotFoundException ? 404 : e instanceof VectorConflictException ? 409 : 500;
            body.put("error", e.getMessage());
            body.put("field", e instanceof InvalidInputException invalid ? invalid.field() : null);
            body.put("status", status);
            ctx.status(status).contentType("application/json").result(json.valueToTree(body).toString());
        });
        VectorRoutes.register(app, new HzVectors(member));
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port() + "/api/v1/vectors";
    }

    @AfterAll
    void stop() {
        app.stop();
        factory.terminateAll();
    }

    @Test
    void createUpdateAndReduceAVectorOverRest() throws Exception {
        HttpResponse<String> created = post("", "{\"name\":\"v\",\"size\":5,\"init\":\"range\",\"start\":1,\"step\":1}");
        post("", "{\"name\":\"w\",\"size\":5,\"init\":\"fill\",\"value\":2}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read(created).get("chunks").asInt()).isEqualTo(1);
        assertThat(post("/v/add", "{\"scalar\":1}").statusCode()).isEqualTo(200);
        assertThat(read(post("/v/scale", "{\"scalar\":2}")).get("version").asLong()).isEqualTo(2);
        post("/v/axpy", "{\"a\":0.5,\"x\":\"w\"}");
        post("/v/mul", "{\"x\":\"w\"}");
        // v = ((i + 1) * 2 + 1) * 2 for i = 1..5 -> 10, 14, 18, 22, 26
        assertThat(read(get("/v/slice?from=0&to=5")).get("values").toString()).isEqualTo("[10.0,14.0,18.0,22.0,26.0]");
        assertThat(read(get("/v/sum")).get("value").asDouble()).isEqualTo(90);
        assertThat(read(get("/v/dot?with=w")).get("value").asDouble()).isEqualTo(180);
        assertThat(read(get("/v/min")).get("value").asDouble()).isEqualTo(10);
        assertThat(read(get("/v/max")).get("value").asDouble()).isEqualTo(26);
        assertThat(read(get("/v/norm2")).get("value").asDouble()).isCloseTo(Math.sqrt(1780), within(1e-9));
        assertThat(read(get("")).toString()).contains("\"name\":\"v\"", "\"name\":\"w\"");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/w")).DELETE()).statusCode()).isEqualTo(204);
        assertThat(get("/w").statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsGetTheErrorContract() throws Exception {
        post("", "{\"name\":\"e\",\"size\":3}");

        assertError(post("/e/add", "{\"scalar\":\"abc\"}"), 400, "scalar");
        assertError(post("/e/add", "{}"), 400, "scalar");
        assertError(post("/e/add", "not json"), 400, "body");
        assertError(post("", "{\"name\":\"n\",\"size\":-4}"), 400, "size");
        assertError(post("", "{\"name\":\"n\",\"size\":1.5}"), 400, "size");
        assertError(post("", "{\"name\":\"n\",\"size\":3,\"init\":\"magic\"}"), 400, "init");
        assertError(post("", "{\"name\":\"n\",\"size\":100000000000}"), 413, "size");
        assertError(post("", "{\"name\":\"e\",\"size\":3}"), 409, null);
        assertError(get("/e/slice?from=0&to=x"), 400, "to");
        assertError(get("/e/dot"), 400, "with");
        assertError(get("/missing/sum"), 404, null);
    }

    @Test
    void unknownFieldsAndNonFiniteNumbersAreRefusedNamingTheField() throws Exception {
        post("", "{\"name\":\"strict\",\"size\":3}");

        assertError(post("", "{\"name\":\"s2\",\"size\":3,\"init\":\"fill\",\"valeu\":1}"), 400, "valeu");
        assertError(post("", "{\"name\":\"s2\",\"size\":3,\"init\":\"fill\",\"value\":NaN}"), 400, "value");
        assertError(post("", "{\"name\":\"s2\",\"size\":3,\"init\":\"range\",\"step\":Infinity}"), 400, "step");
        assertError(post("/strict/add", "{\"scalar\":1,\"a\":2}"), 400, "a");
        assertError(post("/strict/scale", "{\"scalar\":-Infinity}"), 400, "scalar");
        assertError(post("/strict/axpy", "{\"a\":NaN,\"x\":\"strict\"}"), 400, "a");
        assertThat(get("/s2").statusCode()).isEqualTo(404);
        assertThat(read(get("/strict")).get("version").asLong()).isZero();
    }

    @Test
    void evalAnswersAValueOrTheAssignedVectorAndRefusesBadExpressions() throws Exception {
        post("", "{\"name\":\"ea\",\"size\":4,\"init\":\"range\",\"start\":1,\"step\":1}");
        post("", "{\"name\":\"eb\",\"size\":4,\"init\":\"fill\",\"value\":2}");
        post("", "{\"name\":\"e5\",\"size\":5}");

        HttpResponse<String> value = post("/eval", "{\"expr\":\"sum((ea - eb) * (ea - eb))\"}");
        HttpResponse<String> assigned = post("/eval", "{\"expr\":\"ec = where(ea > 2, ea, 0) * 2 + eb\"}");

        assertThat(value.statusCode()).isEqualTo(200);
        assertThat(read(value).toString()).isEqualTo("{\"value\":6.0}");
        assertThat(read(assigned).toString()).isEqualTo("{\"vector\":\"ec\",\"size\":4}");
        assertThat(read(get("/ec/slice?from=0&to=4")).get("values").toString()).isEqualTo("[2.0,2.0,8.0,10.0]");
        assertThat(read(post("/eval", "{\"expr\":\"max(ea / (ea - 1))\"}")).get("value").asText()).isEqualTo("Infinity");
        assertError(post("/eval", "{\"expr\":\"sum(ea +)\"}"), 400, "expr");
        assertThat(read(post("/eval", "{\"expr\":\"sum(ea +)\"}")).get("error").asText()).contains("column 9");
        assertError(post("/eval", "{\"expr\":\"sum(nope)\"}"), 400, "expr");
        assertError(post("/eval", "{\"expr\":\"sum(ea + e5)\"}"), 400, "expr");
        assertError(post("/eval", "{\"expr\":\"\"}"), 400, "expr");
        assertError(post("/eval", "{\"exp\":\"sum(ea)\"}"), 400, "exp");
        assertError(post("/eval", "{\"expr\":3}"), 400, "expr");
        assertThat(read(post("/eval", "{\"expr\":\"sum(ea + e5)\"}")).get("error").asText())
                .contains("ea (size 4)", "e5 (size 5)");
    }

    private void assertError(HttpResponse<String> response, int status, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("field").isNull() ? null : body.get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }
}
