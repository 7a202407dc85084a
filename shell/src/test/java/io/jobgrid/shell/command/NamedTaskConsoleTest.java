package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.support.Console;
import io.jobgrid.shell.support.Console.Result;
import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.TestNode;
import io.jobgrid.shell.support.UpperTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code submit --task NAME --arg k=v} against a real node that has the task type "upper". */
class NamedTaskConsoleTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static TestNode node;
    private static ShellApp app;
    private static Console console;

    @BeforeAll
    static void start() {
        node = TestNode.startWith("shell-tasks", b -> b.taskSlots(1).taskTypes(List.of(new UpperTask())));
        app = ShellApp.start(node.url(), null);
        console = app.console();
    }

    @AfterAll
    static void stop() {
        app.close();
        node.close();
    }

    @Test
    void submitsANamedTaskWithItsArgumentsAndShowsItsResult() throws Exception {
        Result submitted = console.run("submit", "--task", "upper", "--arg", "text=grid", "--name", "shout");
        assertThat(submitted.code()).as(submitted.err()).isZero();
        String id = submitted.firstLine().strip();

        Result waited = console.run("wait", id);
        Result job = console.run("job", id, "--output", "json");

        assertThat(waited.code()).as(waited.err()).isZero();
        JsonNode record = JSON.readTree(job.out());
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.get("spec").get("task").asText()).isEqualTo("upper");
        assertThat(record.get("result").get("value").asText()).isEqualTo("GRID");
    }

    @Test
    void anUnknownTaskOrAMissingArgumentFailsNamingIt() {
        Result unknown = console.run("submit", "--task", "lower", "--arg", "text=x");
        Result missing = console.run("submit", "--task", "upper", "--arg", "txt=x");
        Result malformed = console.run("submit", "--task", "upper", "--arg", "text");
        Result mixed = console.run("submit", "--task", "upper", "--", "echo", "hi");

        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("'lower'", "upper");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("args.text");
        assertThat(malformed.code()).isNotZero();
        assertThat(malformed.err()).contains("--arg takes NAME=VALUE", "'text'");
        assertThat(mixed.code()).isNotZero();
        assertThat(mixed.err()).contains("--task 'upper' came with another");
    }
}
