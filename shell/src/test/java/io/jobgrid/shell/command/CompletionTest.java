package io.jobgrid.shell.command;

import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.TestNode;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;
import org.springframework.shell.jline.ExtendedDefaultParser;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tab completion as the console's line reader asks for it: commands, options, states, nodes, job ids. */
class CompletionTest {
    private static ShellApp app;
    private static CommandCompleter completer;
    private static String id;
    private static String vector;

    @BeforeAll
    static void start() {
        app = ShellApp.start(TestNode.shared().url(), null);
        completer = new CommandCompleter(app.bean(CommandRegistry.class));
        id = app.console().run("submit", "--", "true").firstLine();
        vector = "completion-" + ProcessHandle.current().pid();
        app.console().run("vector", "create", vector, "--size", "10");
    }

    @AfterAll
    static void stop() {
        app.console().run("vector", "delete", vector);
        app.close();
    }

    private static List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new ExtendedDefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandNames() {
        assertThat(complete("jo")).contains("job", "jobs");
        assertThat(complete("")).contains("submit", "logs", "wait", "top", "nodes", "help", "quit");
    }

    @Test
    void completesOptionsOfTheCommand() {
        assertThat(complete("jobs --")).contains("--state", "--node", "--limit", "--output");
        assertThat(complete("submit --")).contains("--name", "--timeout", "--retries", "--after", "--tag", "--env");
    }

    @Test
    void completesOptionValues() {
        assertThat(complete("jobs --state ")).contains("RUNNING", "FAILED");
        assertThat(complete("jobs --node ")).containsExactly(TestNode.shared().name());
        assertThat(complete("nodes --output ")).containsExactly("table", "json");
    }

    @Test
    void completesRecentJobIdsAfterCommandsAndFlags() {
        assertThat(complete("job ")).contains(id);
        assertThat(complete("logs --follow ")).contains(id);
        assertThat(complete("submit --after ")).contains(id);
    }

    @Test
    void completesTheDagVectorAndCancelCommandsTheirOptionsAndValues() {
        assertThat(complete("")).contains("dag", "dag submit", "vector create", "vector sum");
        assertThat(complete("dag ")).contains("submit", id);
        assertThat(complete("dag submit ")).contains("examples/pipeline.yaml");
        assertThat(complete("vector ")).contains("create", "list", "info", "add", "scale", "axpy", "mul", "sum",
                "dot", "min", "max", "norm2", "slice", "delete");
        assertThat(complete("vector create --")).contains("--size", "--fill", "--range", "--random");
        assertThat(complete("vector sum ")).contains(vector);
        assertThat(complete("cancel --")).contains("--cascade");
        assertThat(complete("cancel --cascade ")).contains(id);
    }
}
