package io.jobgrid.web;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node with a token lets in only requests that carry it. */
class AuthTest {
    private static final String TOKEN = "s3cret-token-of-some-length";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGrid grid;
    private static GridNode node;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        node = grid.start(s -> s.httpPort(0).token(TOKEN));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void refusesRequestsWithoutTheRightBearerToken() throws Exception {
        assertThat(send("/api/v1/jobs", null).statusCode()).isEqualTo(401);
        RestApiTest.assertError(send("/api/v1/jobs", "Bearer wrong-token-of-some-length"), 401, null);
        assertThat(send("/api/v1/jobs", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRunningJobSubmitsAChildWithTheTokenItIsGiven() {
        String script = "curl -sf -X POST \"$JOBGRID_URL/api/v1/jobs\" -H \"Authorization: Bearer $JOBGRID_TOKEN\" "
                + "-H 'Content-Type: application/json' -d \"{\\\"shell\\\":\\\"echo child\\\","
                + "\\\"dependsOn\\\":[\\\"$JOBGRID_JOB_ID\\\"]}\"";
        JobId parent = node.jobs().submit(JobSpec.shell(script));

        JobRecord done = node.jobs().await(parent, Duration.ofSeconds(30));

        assertThat(done.state()).as(node.jobs().logs(parent).text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.children()).hasSize(1);
        JobRecord child = node.jobs().await(done.children().get(0), Duration.ofSeconds(30));
        assertThat(child.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(node.jobs().logs(child.id()).text()).isEqualTo("child\n");
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        assertThat(send("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeBoundBeyondLoopbackRefusesToStartWithoutAToken() {
        assertThatThrownBy(() -> NodeConfig.builder().httpPort(8080).httpBind("0.0.0.0").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("token is required");
    }

    private static HttpResponse<String> send(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
