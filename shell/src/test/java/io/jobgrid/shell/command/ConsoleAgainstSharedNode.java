package io.jobgrid.shell.command;

import io.jobgrid.shell.support.Console;
import io.jobgrid.shell.support.Console.Result;
import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** One console per test class, run non-interactively against the shared real node over REST. */
abstract class ConsoleAgainstSharedNode {
    protected static ShellApp app;
    protected static Console console;

    @BeforeAll
    static void startConsole() {
        app = ShellApp.start(TestNode.shared().url(), null);
        console = app.console();
    }

    @AfterAll
    static void stopConsole() {
        app.close();
    }

    /** Runs the command and checks that it exited 0 (the message names the command and its stderr). */
    protected static Result ok(String... argv) {
        Result r = console.run(argv);
        assertThat(r.code()).as(String.join(" ", argv) + ": " + r.err()).isZero();
        return r;
    }
}
