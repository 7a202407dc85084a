package io.jobgrid.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code allowedCommands}: the program (argv[0], or /bin/sh for shell jobs) must match a pattern,
 * checked by the node that accepts the job and again by the node that runs it.
 */
class CommandAllowlistTest {
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static TestGrid grid;
    private static GridNode strict;
    private static GridNode open;
    private static GridNode runsOnlyTrue;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        strict = grid.start(s -> s.httpPort(0).allowedCommands(List.of("/bin/echo", "/usr/bin/[a-z]+")));
        open = grid.start(s -> s.tags(Map.of("role", "open")));
        runsOnlyTrue = grid.start(s -> s.tags(Map.of("role", "true-only")).allowedCommands(List.of("/bin/true")));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void refusesAtSubmissionAProgramThatMatchesNoPatternStoringNothing() throws Exception {
        int before = stored();

        HttpResponse<String> r = post(strict, "{\"command\":[\"/bin/rm\",\"-rf\",\"/tmp/nothing-here\"]}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("field").asText()).isEqualTo("command");
        assertThat(error.get("error").asText()).contains("allowedCommands").endsWith("but was '/bin/rm'");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void judgesShellJobsAsSlashBinSlashShAndMatchesPatternsInFull() {
        assertThatThrownBy(() -> strict.jobs().submit(JobSpec.shell("echo hi")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was '/bin/sh' (a shell job)");
        assertThatThrownBy(() -> strict.jobs().submit(JobSpec.command("/bin/echox")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> strict.jobs().submit(JobSpec.command("echo", "hi")))
                .as("no PATH lookup: 'echo' is not '/bin/echo'").isInstanceOf(InvalidInputException.class);

        JobId echo = strict.jobs().submit(JobSpec.builder().command(List.of("/bin/echo", "allowed"))
                .constraints(Map.of("role", "open")).build());
        JobId env = strict.jobs().submit(JobSpec.builder().command(List.of("/usr/bin/env"))
                .constraints(Map.of("role", "open")).build());

        assertThat(strict.jobs().await(echo, Duration.ofSeconds(20)).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(strict.jobs().await(env, Duration.ofSeconds(20)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void theRunningNodeChecksAgainAndFailsTheAttemptWithoutRunningIt() {
        JobId id = open.jobs().submit(JobSpec.builder().command(List.of("/bin/echo", "should not print"))
                .constraints(Map.of("role", "true-only")).build());

        JobRecord done = open.jobs().await(id, Duration.ofSeconds(20));

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.node()).isEqualTo(runsOnlyTrue.name());
        assertThat(done.exitCode()).isNull();
        assertThat(done.error()).startsWith("not run: command must be a program allowed on node " + runsOnlyTrue.name())
                .endsWith("but was '/bin/echo'");
        assertThat(open.jobs().logs(id).text()).isEmpty();
        assertThat(runsOnlyTrue.jobs().await(runsOnlyTrue.jobs().submit(JobSpec.builder().command(List.of("/bin/true"))
                .constraints(Map.of("role", "true-only")).build()), Duration.ofSeconds(20)).state())
                .isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aMalformedPatternIsRefusedByTheConfigNamingIt() {
        assertThatThrownBy(() -> NodeConfig.builder().allowedCommands(List.of("/bin/.*", "(")).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("allowedCommands[1] must be a valid regular expression, but was '('");
    }

    private static int stored() {
        return open.jobs().list(new JobQuery(null, null, 10_000)).size();
    }

    private static HttpResponse<String> post(GridNode node, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
