package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import io.jobgrid.shell.support.Console;
import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every console command, non-interactively, against a real node over its real REST API: what it
 * prints, in table and JSON form, and the exit code a script sees.
 */
class CommandsAgainstNodeTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static ShellApp app;
    private static ShellTestClient client;
    private static Console console;

    @BeforeAll
    static void start() {
        app = ShellApp.start(TestNode.shared().url(), null);
        client = app.client();
        console = app.console();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private String submit(String... argv) {
        String[] words = new String[argv.length + 1];
        words[0] = "submit";
        System.arraycopy(argv, 0, words, 1, argv.length);
        Result r = console.run(words);
        assertThat(r.code()).as(r.err()).isZero();
        return r.firstLine().strip();
    }

    private JsonNode record(String id) throws Exception {
        Result r = console.run("job", id, "--output", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void submitPrintsTheIdWaitWaitsAndLogsAndJobShowTheResult() throws Exception {
        String id = submit("--name", "greet", "--env", "WHO=grid", "--", "sh", "-c", "echo hello $WHO");

        Result waited = console.run("wait", id);
        Result logs = console.run("logs", id);
        Result job = console.run("job", id);

        assertThat(id).matches("[0-9A-Z]{13}");
        assertThat(waited.code()).as(waited.err()).isZero();
        assertThat(waited.out()).contains(id).contains("SUCCEEDED");
        assertThat(logs.out()).isEqualTo("hello grid\n");
        assertThat(job.out()).contains("greet").contains("SUCCEEDED").contains("exit 0")
                .contains(TestNode.shared().name()).contains("sh -c echo hello $WHO");
        assertThat(record(id).get("attempts").get(0).get("outcome").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void shellTestClientSeesTheNodesTableAndHelpWithExamples() throws Exception {
        ShellScreen nodes = client.sendCommand("nodes");
        ShellScreen help = client.sendCommand("help submit");

        assertThat(nodes.lines().get(0)).startsWith("NAME").contains("STATUS").contains("SLOTS");
        assertThat(nodes.lines()).anySatisfy(l -> assertThat(l).startsWith(TestNode.shared().name()).contains("ready"));
        assertThat(String.join("\n", help.lines())).contains("USAGE").contains("--retries N")
                .contains("EXAMPLES").contains("submit -- echo hello");
    }

    @Test
    void jobsListsNewestFirstAndFiltersByState() throws Exception {
        String ok = submit("--", "true");
        String bad = submit("--", "false");
        console.run("wait", ok, bad);

        Result all = console.run("jobs", "--limit", "5");
        Result failed = console.run("jobs", "--state", "failed", "--output", "json");

        assertThat(all.out().lines().findFirst().orElse("")).startsWith("ID").contains("STATE").contains("COMMAND");
        assertThat(all.out().indexOf(bad)).isLessThan(all.out().indexOf(ok)).isPositive();
        JsonNode list = JSON.readTree(failed.out());
        assertThat(list.findValuesAsText("state")).containsOnly("FAILED");
        assertThat(list.findValuesAsText("id")).contains(bad).doesNotContain(ok);
    }

    @Test
    void anArrayIsWaitedForWithItsCountsByStateAndCancelledAsOne() throws Exception {
        String array = submit("--array", "4", "--shell", "exit $((JOBGRID_ARRAY_INDEX % 2))");

        Result waited = console.run("wait", array);

        assertThat(waited.code()).isEqualTo(ShellException.FAILED);
        assertThat(waited.out()).contains(array + "  4/4 done: SUCCEEDED 2 FAILED 2");
        assertThat(waited.err()).contains("2 of 4 jobs did not succeed");
        JsonNode jobs = JSON.readTree(console.run("jobs", "--state", "finished", "--limit", "10000", "--output", "json").out());
        JsonNode members = JSON.readTree(console.run("wait", array, "--output", "json").out());
        assertThat(members).hasSize(4);
        assertThat(jobs.findValuesAsText("id")).containsAll(members.findValuesAsText("id"));
        assertThat(jobs.findValuesAsText("state")).allMatch(s -> !s.equals("QUEUED") && !s.equals("RUNNING"));

        String slow = submit("--array", "3", "--", "sleep", "60");
        Result cancelled = console.run("cancel", slow);
        assertThat(cancelled.out()).contains("Cancelled 3 unfinished jobs of job array " + slow);
        assertThat(console.run("wait", slow).out()).contains(slow + "  3/3 done: CANCELLED 3");
        assertThat(console.run("submit", "--array", "0", "--", "true").err()).contains("--array");
    }

    @Test
    void summaryCountsTheJobsOfEveryState() throws Exception {
        console.run("wait", submit("--", "true"));

        Result table = console.run("summary");
        JsonNode json = JSON.readTree(console.run("summary", "--output", "json").out());

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("pending ").contains("running ").contains("finished ").contains("TIMED_OUT ");
        assertThat(json.get("SUCCEEDED").asLong()).isPositive();
        assertThat(json.size()).isEqualTo(8);
    }

    @Test
    void logsFollowStreamsUntilTheJobEnds() {
        String id = submit("--shell", "echo one; sleep 1; echo two");

        Result followed = console.run("logs", "--follow", id);

        assertThat(followed.code()).isZero();
        assertThat(followed.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void submitStartWithinSetsTheQueueDeadlineAndTheNodeRefusesAnAbsurdOne() throws Exception {
        String id = submit("--start-within", "10m", "--", "true");
        Result tooLong = console.run("submit", "--start-within", "400d", "--", "true");

        assertThat(record(id).get("spec").get("startWithin").asText()).isEqualTo("PT10M");
        assertThat(tooLong.code()).isNotZero();
        assertThat(tooLong.err()).contains("startWithin");
    }

    @Test
    void logsStreamShowsOneStreamAndRefusesAnyOther() {
        String id = submit("--shell", "echo one; sleep 0.2; echo oops >&2; sleep 0.2; echo two");

        Result errors = console.run("logs", "--follow", "--stream", "stderr", id);
        Result out = console.run("logs", id, "--stream", "stdout");
        Result both = console.run("logs", id);
        Result bad = console.run("logs", id, "--stream", "stdin");

        assertThat(errors.code()).as(errors.err()).isZero();
        assertThat(errors.out()).isEqualTo("oops\n");
        assertThat(out.out()).isEqualTo("one\ntwo\n");
        assertThat(both.out()).isEqualTo("one\noops\ntwo\n");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--stream").contains("stdin");
    }

    @Test
    void submitFollowExitsNonZeroWhenTheJobFails() {
        Result r = console.run("submit", "--follow", "--shell", "echo doomed; exit 3");

        assertThat(r.code()).isEqualTo(ShellException.FAILED);
        assertThat(r.out()).contains("doomed");
        assertThat(r.err()).contains("ended FAILED with exit code 3");
    }

    @Test
    void cancelStopsARunningJobAndWaitReportsIt() throws Exception {
        String id = submit("--", "sleep", "60");
        await().atMost(Duration.ofSeconds(20)).until(() -> record(id).get("state").asText().equals("RUNNING"));

        Result cancelled = console.run("cancel", id);
        Result waited = console.run("wait", id);

        assertThat(cancelled.code()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("Cancelled job " + id).contains("CANCELLED");
        assertThat(waited.code()).isEqualTo(ShellException.FAILED);
        assertThat(waited.err()).contains("1 of 1 jobs did not succeed: " + id + " CANCELLED");
    }

    @Test
    void ctrlCStopsFollowingButNotTheJob() throws Exception {
        String id = submit("--shell", "echo started; sleep 60");
        Session session = app.bean(Session.class);
        CompletableFuture<Result> following = CompletableFuture.supplyAsync(() -> console.run("logs", "-f", id));
        await().atMost(Duration.ofSeconds(20)).until(session::busy);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            session.interrupt(); // Ctrl-C, as the console's signal handler delivers it
            return following.isDone();
        });

        assertThat(following.get().code()).isEqualTo(ShellException.INTERRUPTED);
        assertThat(following.get().err()).contains("Stopped").contains("Ctrl-C").doesNotContain("Error");
        assertThat(record(id).get("state").asText()).isIn("QUEUED", "RUNNING");
        console.run("cancel", id);
    }

    @Test
    void waitGivesUpAfterItsTimeout() {
        String id = submit("--", "sleep", "30");

        Result r = console.run("wait", id, "--timeout", "1s");

        assertThat(r.code()).isEqualTo(ShellException.FAILED);
        assertThat(r.err()).contains("Gave up after 1.0s: 1 of 1 jobs still not ended");
        console.run("cancel", id);
    }

    @Test
    void topOncePrintsNodesAndRunningJobs() throws Exception {
        String id = submit("--name", "sleeper", "--", "sleep", "30");
        await().atMost(Duration.ofSeconds(20)).until(() -> record(id).get("state").asText().equals("RUNNING"));

        Result frame = console.run("top", "--once");
        Result json = console.run("top", "--output", "json");

        assertThat(frame.out()).contains(TestNode.shared().name()).contains("RUNNING (").contains(id)
                .contains("sleeper");
        assertThat(JSON.readTree(json.out()).get("running").findValuesAsText("id")).contains(id);
        console.run("cancel", id);
    }

    @Test
    void anUnknownIdIsAClearNotFoundWithoutAStackTrace() {
        Result r = console.run("job", "0000000000000");

        assertThat(r.code()).isEqualTo(ShellException.NOT_FOUND);
        assertThat(r.err()).startsWith("Error: ").contains("0000000000000").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badInputIsAUsageErrorNamingTheValue() {
        Result state = console.run("jobs", "--state", "DONE");
        Result id = console.run("logs", "not-an-id");
        Result unknown = console.run("jbos");

        assertThat(state.code()).isEqualTo(ShellException.USAGE);
        assertThat(state.err()).contains("--state must be one of").contains("but was 'DONE'");
        assertThat(id.code()).isEqualTo(ShellException.USAGE);
        assertThat(id.err()).contains("but was 'not-an-id'");
        assertThat(unknown.code()).isEqualTo(ShellException.USAGE);
        assertThat(unknown.err()).contains("There is no command 'jbos'. Did you mean 'jobs'?");
    }

    @Test
    void theNodeRefusingASpecIsAFailureWithItsReason() {
        Result r = console.run("submit", "--env", "JOBGRID_X=1", "--", "true");

        assertThat(r.code()).isEqualTo(ShellException.FAILED);
        assertThat(r.err()).contains("JOBGRID_");
    }

    @Test
    void watchPrintsTheEventsOfMatchingJobsAsTheyHappen() throws Exception {
        String name = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Result> watching = CompletableFuture.supplyAsync(() -> console.run("watch", "--name", name,
                "--state", "SUCCEEDED", "--count", "2", "--output", "json"));

        // submit until the stream, once open, has seen two of them succeed
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            submit("--name", name, "--", "true");
            return watching.isDone();
        });

        Result r = watching.get();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2).allSatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("type").asText()).isEqualTo("job");
            assertThat(event.get("name").asText()).isEqualTo(name);
            assertThat(event.get("state").asText()).isEqualTo("SUCCEEDED");
        });
        String shown = WatchCommand.line("job", JSON.readTree(r.out().lines().findFirst().orElseThrow()),
                io.jobgrid.shell.render.Style.PLAIN);
        assertThat(shown).matches("\\d\\d:\\d\\d:\\d\\d  SUCCEEDED  [0-9A-Z]{13}  " + name + "  .*attempt 1 on "
                + TestNode.shared().name() + ", exit 0");
    }
}
