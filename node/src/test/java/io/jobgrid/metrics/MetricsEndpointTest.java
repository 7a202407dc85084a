package io.jobgrid.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scrapes the real {@code /metrics} over HTTP after running real jobs and checks that the numbers moved. */
class MetricsEndpointTest {
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGrid grid;
    private static GridNode node;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0).slots(2));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void countsJobsByOutcomeAndRetries() throws Exception {
        String before = scrape();

        String ok1 = submit("{\"shell\":\"exit 0\"}");
        String ok2 = submit("{\"shell\":\"exit 0\"}");
        String failed = submit("{\"shell\":\"exit 3\",\"maxAttempts\":2,\"backoff\":{\"initialSeconds\":0.1}}");
        for (String id : new String[]{ok1, ok2, failed}) {
            awaitState(id, "SUCCEEDED", "FAILED");
        }

        String after = scrape();
        assertThat(delta(before, after, "jobgrid_jobs_submitted_total")).isEqualTo(3);
        assertThat(delta(before, after, "jobgrid_jobs_started_total")).isEqualTo(4);
        assertThat(delta(before, after, "jobgrid_jobs_finished_total{state=\"SUCCEEDED\"}")).isEqualTo(2);
        assertThat(delta(before, after, "jobgrid_jobs_finished_total{state=\"FAILED\"}")).isEqualTo(1);
        assertThat(delta(before, after, "jobgrid_jobs_retried_total")).isEqualTo(1);
        assertThat(delta(before, after, "jobgrid_job_run_time_seconds_count")).isEqualTo(4);
        assertThat(delta(before, after, "jobgrid_job_queue_wait_seconds_count")).isEqualTo(4);
    }

    @Test
    void gaugesOwnedRunningJobsAndCountsACancel() throws Exception {
        String before = scrape();

        String sleeper = submit("{\"shell\":\"sleep 30\"}");
        awaitState(sleeper, "RUNNING");

        // counts by state follow entry events, delivered asynchronously (StateCounts): await the new one
        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "jobgrid_jobs_owned{state=\"RUNNING\"}") == 1);
        String running = scrape();
        assertThat(value(running, "jobgrid_jobs_owned{state=\"RUNNING\"}")).isEqualTo(1); // one node owns every record
        assertThat(value(running, "jobgrid_jobs_running")).isEqualTo(1);
        assertThat(value(running, "jobgrid_slots_free")).isEqualTo(1);
        assertThat(value(running, "jobgrid_jobs_stored")).isEqualTo(node.jobs().list(
                new io.jobgrid.api.JobQuery(null, null, 10_000)).size());
        post("/api/v1/jobs/" + sleeper + "/cancel", "");
        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "jobgrid_jobs_running") == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "jobgrid_jobs_owned{state=\"RUNNING\"}") == 0);
        String after = scrape();
        assertThat(value(after, "jobgrid_jobs_owned{state=\"RUNNING\"}")).isZero();
        assertThat(delta(before, after, "jobgrid_jobs_finished_total{state=\"CANCELLED\"}")).isEqualTo(1);
    }

    @Test
    void countsRestRequestsByRouteTemplateAndStatusNeverByRawPath() throws Exception {
        String before = scrape();

        String id = submit("{\"shell\":\"exit 0\"}");
        get("/api/v1/jobs/" + id);
        get("/api/v1/jobs/" + id);
        get("/api/v1/jobs/0000000000001");
        get("/api/v1/jobs/not-an-id");
        post("/api/v1/jobs", "{\"shel\":\"typo\"}");
        get("/no/such/route/" + id);
        get("/ui/app.js");
        get("/ui/no-such-file.js");

        String after = scrape();
        assertThat(delta(before, after, requests("POST", "/api/v1/jobs", 201))).isEqualTo(1);
        assertThat(delta(before, after, requests("GET", "/api/v1/jobs/{id}", 200))).isEqualTo(2);
        assertThat(delta(before, after, requests("GET", "/api/v1/jobs/{id}", 404))).isEqualTo(1);
        assertThat(delta(before, after, requests("GET", "/api/v1/jobs/{id}", 400))).isEqualTo(1);
        assertThat(delta(before, after, requests("POST", "/api/v1/jobs", 400))).isEqualTo(1);
        assertThat(delta(before, after, requests("GET", "NOT_FOUND", 404))).isEqualTo(1);
        assertThat(delta(before, after, requests("GET", "/ui/*", 200))).isEqualTo(1); // the dashboard's files
        assertThat(delta(before, after, requests("GET", "/ui/*", 404))).isEqualTo(1);
        assertThat(after).doesNotContain("uri=\"/api/v1/jobs/" + id).doesNotContain("/no/such/route");
    }

    private static String requests(String method, String uri, int status) {
        String outcome = status < 300 ? "SUCCESS" : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
        return "http_server_requests_seconds_count{method=\"" + method + "\",outcome=\"" + outcome + "\",status=\""
                + status + "\",uri=\"" + uri + "\"}";
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The sample of {@code series} (name with its exact labels), 0 when absent. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void awaitState(String id, String... states) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String state = JSON.readTree(get("/api/v1/jobs/" + id).body()).get("state").asText();
            return java.util.Arrays.asList(states).contains(state);
        });
    }

    private static String submit(String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/jobs", body);
        assertThat(r.statusCode()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
