package io.jobgrid.execution;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A kill reaches the whole tree of a job, whether or not the job has a session of its own: a stray
 * whose parent has exited (so it is in no one's tree) is found by the attempt's mark.
 */
class ProcessTreeTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        threads.shutdownNow();
        timer.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(value = JobSessions.class, names = {"ALWAYS", "NEVER"})
    void aKillReachesAStrayWhoseParentHasExited(JobSessions sessions) throws Exception {
        Path pid = tmp.resolve("stray");
        // the subshell starts sleep and exits, so sleep's parent becomes init: it leaves the job's tree
        CompletableFuture<RunResult> done = new CompletableFuture<>();
        RunningProcess run = start(sessions, 1, "(sleep 60 > /dev/null 2>&1 & echo $! > " + pid + "); sleep 60", done);
        long stray = awaitPid(pid);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(run.pid()).orElseThrow().descendants()
                .noneMatch(p -> p.pid() == stray)); // its subshell has exited

        run.kill(JobState.CANCELLED);

        assertThat(done.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(JobState.CANCELLED);
        await().atMost(Duration.ofSeconds(10)).until(() -> dead(stray));
    }

    @ParameterizedTest
    @EnumSource(value = JobSessions.class, names = {"ALWAYS", "NEVER"})
    void aJobEndsWhenItsProcessExitsThoughAStrayMayHoldItsOutput(JobSessions sessions) throws Exception {
        Path pid = tmp.resolve("stray");
        CompletableFuture<RunResult> done = new CompletableFuture<>();
        start(sessions, 2, "(sleep 60 & echo $! > " + pid + "); echo done", done);

        RunResult result = done.get(20, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(JobState.SUCCEEDED);
        // whether the stray still held the pipe depends on a race with the JDK, which drains and
        // closes a process's output when it exits unless a read is under way; so it may live on
        ProcessHandle.of(awaitPid(pid)).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Parents are signalled before their children, so that no shell outlives its child long enough
     * to run its next command: with the child killed first, {@code sleep 60; echo end} could write
     * "end" (CI's NetworkCutIT saw a cut-off attempt finish that way once jobs no longer had
     * sessions of their own).
     */
    @Test
    void theTreeIsSignalledParentsFirst() throws Exception {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "/bin/sh -c 'sleep 60; true'; true").start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> shell.toHandle().descendants().count() >= 2);
            List<ProcessHandle> order = new ProcessTree(shell, false, Map.of()).snapshot();

            assertThat(order).hasSizeGreaterThanOrEqualTo(3);
            assertThat(order.get(0).pid()).isEqualTo(shell.pid());
            for (int i = 0; i < order.size(); i++) {
                long parent = order.get(i).parent().map(ProcessHandle::pid).orElse(-1L);
                for (int later = i + 1; later < order.size(); later++) {
                    assertThat(order.get(later).pid()).as("%s is the parent of %s, so it comes first", parent,
                            order.get(i).pid()).isNotEqualTo(parent);
                }
            }
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    /** A killed shell never reaches the command after the one it was waiting for (ten tries). */
    @Test
    void aKilledShellRunsNothingAfterItsChildDies() throws Exception {
        for (int i = 0; i < 10; i++) {
            Path end = tmp.resolve("end-" + i);
            Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 60; echo end > " + end).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> shell.toHandle().children().findAny().isPresent());

            new ProcessTree(shell, false, Map.of()).kill(Duration.ZERO);

            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(end).as("try %d", i).doesNotExist();
        }
    }

    @Test
    void onlyProcessesCarryingEveryEntryOfTheMarkAreFound() throws Exception {
        Process marked = new ProcessBuilder("sleep", "60").start();
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            // the mark is this JVM's own environment: the sleeps inherit it, and the JVM itself is left out
            Map.Entry<String, String> inherited = System.getenv().entrySet().iterator().next();
            ProcessTree tree = new ProcessTree(marked, false, Map.of(inherited.getKey(), inherited.getValue()));
            assertThat(tree.marked()).map(ProcessHandle::pid).contains(marked.pid(), other.pid())
                    .doesNotContain(ProcessHandle.current().pid());

            ProcessTree none = new ProcessTree(marked, false,
                    Map.of(inherited.getKey(), inherited.getValue(), "JOBGRID_NO_SUCH_MARK", "x"));
            assertThat(none.marked()).isEmpty();
        } finally {
            marked.destroyForcibly();
            other.destroyForcibly();
        }
    }

    @Test
    void anEntryMatchesOnlyAsAWholeEntry() {
        byte[] env = "A=1\0JOBGRID_JOB_ID=j-12\0B=2".getBytes(StandardCharsets.UTF_8);

        assertThat(ProcessTree.holdsEntry(env, bytes("JOBGRID_JOB_ID=j-12"))).isTrue();
        assertThat(ProcessTree.holdsEntry(env, bytes("A=1"))).isTrue();
        assertThat(ProcessTree.holdsEntry(env, bytes("B=2"))).isTrue();
        assertThat(ProcessTree.holdsEntry(env, bytes("JOBGRID_JOB_ID=j-1"))).isFalse();
        assertThat(ProcessTree.holdsEntry(env, bytes("OBGRID_JOB_ID=j-12"))).isFalse();
    }

    @Test
    void aControllingTerminalIsReadFromProcStat() throws Exception {
        Path stat = tmp.resolve("stat");
        Files.writeString(stat, "4242 (java (my) app) S 1 4242 4242 34816 4242 4194304 0 0\n");
        assertThat(JobSessions.hasControllingTerminal(stat)).isTrue();
        Files.writeString(stat, "4242 (java (my) app) S 1 4242 4242 0 -1 4194304 0 0\n");
        assertThat(JobSessions.hasControllingTerminal(stat)).isFalse();
        assertThat(JobSessions.hasControllingTerminal(tmp.resolve("missing"))).isTrue();
    }

    @Test
    void aBadSessionsSettingIsRefusedNamingTheProperty() {
        String before = System.getProperty(JobSessions.PROPERTY);
        System.setProperty(JobSessions.PROPERTY, "sometimes");
        try {
            assertThatThrownBy(JobSessions::fromSystemProperty).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(JobSessions.PROPERTY).hasMessageContaining("sometimes");
        } finally {
            if (before == null) {
                System.clearProperty(JobSessions.PROPERTY);
            } else {
                System.setProperty(JobSessions.PROPERTY, before);
            }
        }
    }

    /** Starts job {@code number}'s first attempt, with the JOBGRID_* mark a node gives it; its result goes to {@code done}. */
    private RunningProcess start(JobSessions sessions, long number, String shell, CompletableFuture<RunResult> done) {
        JobId id = JobId.of(number);
        return runner(sessions).start(id, 1, JobSpec.shell(shell), gridEnv(id), (r, result) -> done.complete(result));
    }

    private ProcessRunner runner(JobSessions sessions) {
        return new ProcessRunner(new ProcessRunner.Settings(false, Duration.ofMillis(500), 64 * 1024,
                CommandPolicy.any(), "tree-node", sessions), threads, timer, Clock.systemUTC());
    }

    private static Map<String, String> gridEnv(JobId id) {
        return Map.of("JOBGRID_JOB_ID", id.value(), "JOBGRID_ATTEMPT", "1", "JOBGRID_NODE", "tree-node");
    }

    private static long awaitPid(Path file) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                && !Files.readString(file).isBlank() && Files.readString(file).endsWith("\n"));
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Gone, or a zombie: a killed orphan is reaped by init, and an init that does not reap (some
     * sandboxes') leaves it a zombie, which ProcessHandle still counts as alive.
     */
    private static boolean dead(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return true;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
