package io.jobgrid.shell.runner;

import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import io.jobgrid.shell.support.ShellApp;
import io.jobgrid.shell.support.ShellProcess;
import io.jobgrid.shell.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console run the way scripts run it, as its own process: exit codes, stdout kept clean for
 * pipes, and one readable error line (never a stack trace) when the node is unreachable or the
 * token is wrong.
 */
class OneShotProcessTest {
    private static final String TOKEN = "correct-horse-battery-staple";
    private static final String READ_ONLY = "read-only-horse-battery-staple";
    private static TestNode locked;

    @BeforeAll
    static void start() {
        locked = TestNode.start("shell-locked", TOKEN, READ_ONLY);
    }

    @AfterAll
    static void stop() {
        locked.close();
    }

    @Test
    void submitFollowPrintsTheIdThenTheOutputAndExitsZero() throws Exception {
        Result r = ShellProcess.run(Map.of(), "--url", TestNode.shared().url(), "submit", "--follow", "--",
                "sh", "-c", "echo 'hi there'");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out().lines().toList().get(0)).matches("[0-9A-Z]{13}");
        assertThat(r.out().lines().toList().get(1)).isEqualTo("hi there");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anUnreachableNodeIsExitCode3WithAHint() throws Exception {
        Result r = ShellProcess.run(Map.of("JOBGRID_URL", "http://127.0.0.1:1"), "nodes");

        assertThat(r.code()).isEqualTo(ShellException.UNREACHABLE);
        assertThat(r.err()).startsWith("Error: Cannot reach a jobgrid node at http://127.0.0.1:1 (connection refused)")
                .contains("--url or JOBGRID_URL").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aWrongTokenIsExitCode4WithoutEchoingTheToken() throws Exception {
        Result r = ShellProcess.run(Map.of(), "--url", locked.url(), "--token", "not-the-right-token", "jobs");

        assertThat(r.code()).isEqualTo(ShellException.AUTH);
        assertThat(r.err()).contains("refused the token given (401)").doesNotContain("not-the-right-token");
    }

    @Test
    void aMissingTokenIsRefusedAndTheRightOneWorks() {
        try (ShellApp without = ShellApp.start(locked.url(), null); ShellApp with = ShellApp.start(locked.url(), TOKEN)) {
            Result missing = without.console().run("jobs");
            Result right = with.console().run("jobs", "--output", "json");

            assertThat(missing.code()).isEqualTo(ShellException.AUTH);
            assertThat(missing.err()).contains("wants a token, but none was given: use --token or JOBGRID_TOKEN");
            assertThat(right.code()).as(right.err()).isZero();
            assertThat(right.out().strip()).isEqualTo("[ ]");
        }
    }

    @Test
    void aReadOnlyTokenReadsAndAChangeIsRefusedWithAClearMessage() throws Exception {
        Result read = ShellProcess.run(Map.of("JOBGRID_TOKEN", READ_ONLY), "--url", locked.url(), "jobs", "--output", "json");
        Result change = ShellProcess.run(Map.of(), "--url", locked.url(), "--token", READ_ONLY, "submit", "--", "true");

        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out().strip()).isEqualTo("[ ]");
        assertThat(change.code()).isEqualTo(ShellException.AUTH);
        assertThat(change.err()).startsWith("Error: ").contains("403 forbidden").contains("read-only token")
                .contains("full token").doesNotContain(READ_ONLY).doesNotContain("\tat ");
        assertThat(change.out()).isEmpty();
        assertThat(locked.grid().jobs().list(io.jobgrid.api.JobQuery.all())).isEmpty();
    }
}
