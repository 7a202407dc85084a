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

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    void theDashboardsStaticFilesNeedNoTokenAndAllowOnlyTheirOwnOrigin() throws Exception {
        HttpResponse<String> page = send("/ui/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>jobgrid</title>").doesNotContain(TOKEN);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
        assertThat(send("/ui/app.js", null).statusCode()).isEqualTo(200);
        HttpResponse<String> bare = send("/ui", null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/ui/"));
    }

    @Test
    void aNodeBoundBeyondLoopbackRefusesToStartWithoutAToken() {
        assertThatThrownBy(() -> NodeConfig.builder().httpPort(8080).httpBind("0.0.0.0").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("token is required");
    }

    @Test
    void aPathThroughTheDashboardDoesNotOpenTheApiWithoutTheToken() throws Exception {
        for (String path : new String[] {"/ui/../api/v1/jobs", "/ui/%2e%2e/api/v1/jobs", "/ui/..%2fapi/v1/jobs"}) {
            try (Socket socket = new Socket("127.0.0.1", URI.create(node.url()).getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("\"state\"");
            }
        }
    }

    @Test
    void aReadOnlyTokenMustBeLongDifferentAndBesideAToken() {
        assertThatThrownBy(() -> NodeConfig.builder().token(TOKEN).readOnlyToken("short").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("readOnlyToken must be at least 16");
        assertThatThrownBy(() -> NodeConfig.builder().readOnlyToken("read-only-token-of-some-length").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a token beside it");
        assertThatThrownBy(() -> NodeConfig.builder().token(TOKEN).readOnlyToken(TOKEN).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must differ from token");
    }

    private static HttpResponse<String> send(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
