package io.jobgrid.shell.runner;

import io.jobgrid.shell.support.ShellProcess;
import io.jobgrid.shell.support.TestNode;
import io.jobgrid.shell.support.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The interactive console in a real terminal (tmux), driven as a person would: it starts, lists
 * the nodes, submits a job, follows its output live after completing the job id with Tab, sees it
 * finish, shows it, submits a DAG from a file, watches its tree refresh in place until every job
 * has ended, and quits. The screen is kept in target/console-transcript.txt.
 */
class ConsoleInTerminalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static Tmux tmux;
    /** A node of its own, so the only job ids to complete are this test's. */
    private static TestNode node;

    @TempDir
    static Path dir;

    @BeforeAll
    static void tmuxOrSkip() {
        if (!Tmux.available()) {
            System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    + "!!! SKIPPING ConsoleInTerminalTest: tmux is not installed and could not be installed.  !!!\n"
                    + "!!! The interactive console is NOT tested. Install tmux (apt-get install -y tmux).     !!!\n"
                    + "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            Assumptions.abort("tmux is not available and could not be installed");
        }
        node = TestNode.start("shell-tty", null);
    }

    @AfterAll
    static void stop() {
        if (tmux != null) {
            tmux.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void submitsFollowsAndSeesAJobFinishInARealTerminal() throws IOException {
        String url = node.url();
        String authority = url.substring(url.indexOf("://") + 3);
        tmux = Tmux.start("jobgrid-console-" + ProcessHandle.current().pid(), 130, 50, launcher(url).toString());
        awaitScreen(s -> s.contains("jobgrid:" + authority + ">") && s.contains("Connected: 1 node in the grid."));

        tmux.type("nodes");
        tmux.press("Enter");
        awaitScreen(s -> s.contains("slots busy"));
        tmux.type("submit --name hello --shell 'for i in 1 2 3; do echo line-$i; sleep 1; done'");
        tmux.press("Enter");
        String id = awaitMatch(Pattern.compile("Submitted job ([0-9A-Z]{13})"));
        tmux.type("logs --follow " + id.substring(0, 9));
        tmux.press("Tab");
        awaitScreen(s -> s.contains("logs --follow " + id));
        tmux.press("Enter");
        awaitScreen(s -> s.contains("── job " + id + " SUCCEEDED (exit 0)"));
        tmux.type("job " + id);
        tmux.press("Enter");
        awaitScreen(s -> s.contains("Attempt   1 of 1"));

        String screen = tmux.screen();
        assertThat(screen).contains("line-1\nline-2\nline-3\n── job " + id + " SUCCEEDED (exit 0)")
                .contains("State     SUCCEEDED  exit 0").contains(node.name()).doesNotContain("Exception");

        Path pipeline = dir.resolve("tty.yaml");
        Files.writeString(pipeline, "jobs:\n  prepare: {shell: 'sleep 3'}\n  compile: {shell: 'sleep 1', after: prepare}\n"
                + "  lint: {shell: 'true', after: prepare}\n");
        tmux.type("dag submit " + pipeline);
        tmux.press("Enter");
        String first = awaitMatch(Pattern.compile("(?m)^prepare +([0-9A-Z]{13})"));
        tmux.type("dag " + first);
        tmux.press("Enter");
        awaitScreen(s -> s.contains("refreshing every 1.0s"));
        awaitScreen(s -> s.contains("DAG of " + first + "  3 jobs: 3 SUCCEEDED  all ended"));

        screen = tmux.screen();
        assertThat(Pattern.compile("DAG of " + first).matcher(screen).results().count())
                .as("the tree is redrawn in place, not printed again").isEqualTo(1);
        assertThat(screen).containsPattern("[├└]─ compile +[0-9A-Z]{13}  SUCCEEDED").containsPattern("[├└]─ lint ")
                .doesNotContain("refreshing every");
        Files.writeString(Path.of("target", "console-transcript.txt"), transcript(screen), StandardCharsets.UTF_8);
        tmux.type("quit");
        tmux.press("Enter");
        await().atMost(PATIENCE).until(() -> !tmux.alive());
    }

    /** A script that starts the console like bin/jobgrid does, with history kept out of $HOME. */
    private static Path launcher(String url) throws IOException {
        String command = ShellProcess.javaCommand().stream().map(ConsoleInTerminalTest::quote)
                .collect(Collectors.joining(" "));
        Path script = dir.resolve("console.sh");
        Files.writeString(script, "#!/bin/sh\nexport LANG=C.UTF-8 XDG_CONFIG_HOME=" + quote(dir.toString()) + "\n"
                + "unset JOBGRID_TOKEN NO_COLOR\nexec " + command + " --url " + quote(url) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void awaitScreen(java.util.function.Predicate<String> condition) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(tmux.screen()).matches(condition::test, "the awaited text"));
    }

    private static String awaitMatch(Pattern pattern) {
        String[] found = new String[1];
        awaitScreen(s -> {
            Matcher m = pattern.matcher(s);
            if (m.find()) {
                found[0] = m.group(1);
                return true;
            }
            return false;
        });
        return found[0];
    }

    private static String transcript(String screen) {
        List<String> lines = screen.lines().map(String::stripTrailing).toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return String.join("\n", lines.subList(0, end)) + "\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
