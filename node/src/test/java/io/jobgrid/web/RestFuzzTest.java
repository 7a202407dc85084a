package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A bounded, seeded fuzz of the REST endpoints: random and mutated JSON, huge bodies, deep
 * nesting, invalid UTF-8, path traversal in ids, random query parameters and methods. Every answer
 * must be a success or a 4xx JSON error {@code {"error","field","status"}}; the node stays up, and
 * the jobs stored are exactly the submissions it accepted. The node allows only {@code /bin/true},
 * so whatever a mutation makes of a body, nothing else can run.
 */
class RestFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_260_501L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 2000);
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static TestGrid grid;
    private static GridNode node;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0).slots(2).allowedCommands(List.of("/bin/true")));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void everyAnswerIsASuccessOrAJsonClientErrorAndNothingPartialIsStored() throws Exception {
        FuzzCases cases = new FuzzCases(new Random(SEED));
        Set<String> accepted = new HashSet<>();

        for (int i = 0; i < CASES; i++) {
            FuzzCases.Case c = cases.next(i);
            HttpResponse<String> r = send(c);
            check(i, c, r);
            if (r.statusCode() == 201 && c.path().equals("/api/v1/jobs")) {
                accepted.add(JSON.readTree(r.body()).get("id").asText());
            }
        }

        assertThat(send(new FuzzCases.Case("GET", "/health", null, null)).statusCode()).isEqualTo(200);
        List<JobRecord> stored = node.jobs().list(new JobQuery(null, null, 10_000));
        assertThat(stored).extracting(j -> j.id().value()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(stored).allSatisfy(j -> assertThat(j.spec().argv()).containsExactly("/bin/true"));
        HttpResponse<String> listed = send(new FuzzCases.Case("GET", "/api/v1/jobs?limit=10000", null, null));
        assertThat(JSON.readTree(listed.body())).hasSize(accepted.size());
    }

    private static void check(int i, FuzzCases.Case c, HttpResponse<String> r) {
        int status = r.statusCode();
        String what = "case " + i + " (seed " + SEED + "): " + c.describe() + " -> " + status + " " + abbreviate(r.body());
        if (status >= 200 && status < 300) {
            return;
        }
        if (status < 400 || status >= 500) {
            fail("not a success or a client error: " + what);
        }
        try {
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.get("error").isTextual()).as(what).isTrue();
            assertThat(error.has("field")).as(what).isTrue();
            assertThat(error.get("field").isNull() || error.get("field").isTextual()).as(what).isTrue();
            assertThat(error.get("status").asInt()).as(what).isEqualTo(status);
        } catch (java.io.IOException e) {
            fail("error body is not JSON: " + what);
        }
    }

    private static HttpResponse<String> send(FuzzCases.Case c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + c.path())).timeout(Duration.ofSeconds(30));
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        return HTTP.send(b.method(c.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
