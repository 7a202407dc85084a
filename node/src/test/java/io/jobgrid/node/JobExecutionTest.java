package io.jobgrid.node;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Running real processes on a two-node in-JVM cluster: output, exit codes, env, timeouts, cancel, retries. */
class JobExecutionTest {
    private static TestGrid grid;
    private static GridNode a;
    private static GridNode b;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() {
        grid = new TestGrid();
        List<GridNode> nodes = grid.start(2, s -> s.logTailBytes(64 * 1024));
        a = nodes.get(0);
        b = nodes.get(1);
    }

    @AfterAll
    static void stopCluster() {
        grid.close();
    }

    @Test
    void recordsOutputExitCodeAndTimesOfAShellJob() {
        JobId id = a.jobs().submit(JobSpec.builder().shell("echo out; echo err >&2; exit 0").name("greet").build());

        JobRecord done = a.jobs().await(id, Duration.ofSeconds(20));

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.node()).isIn("node-1", "node-2");
        assertThat(done.startedAt()).isAfterOrEqualTo(done.createdAt());
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        // two pipes read by two threads: the interleaving is the order of capture, each stream's own order kept
        assertThat(b.jobs().logs(id).text().split("\n")).containsExactlyInAnyOrder("out", "err");
        assertThat(b.jobs().logs(id, 0, 0, JobLog.Stream.STDOUT).text()).isEqualTo("out\n");
        assertThat(b.jobs().logs(id, 0, 0, JobLog.Stream.STDERR).text()).isEqualTo("err\n");
    }

    @Test
    void keepsStdoutAndStderrApartInOrderAndFollowsOneOfThem() throws Exception {
        JobId id = a.jobs().submit(JobSpec.shell(
                "for i in 1 2 3 4 5; do echo out $i; echo err $i >&2; sleep 0.05; done"));
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();

        b.jobs().follow(id, 0, 0, JobLog.Stream.STDERR, errors);

        assertThat(errors.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("err 1\nerr 2\nerr 3\nerr 4\nerr 5\n");
        assertThat(awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(20)).exitCode()).isZero();
        assertThat(b.jobs().logs(id, 0, 0, JobLog.Stream.STDOUT).text())
                .isEqualTo("out 1\nout 2\nout 3\nout 4\nout 5\n");
        String both = a.jobs().logs(id).text();
        assertThat(both).contains("out 1\n", "err 5\n").hasSize(60);
        assertThat(both.indexOf("err 1")).isLessThan(both.indexOf("out 3")); // interleaved, not one stream then the other
    }

    @Test
    void aJobWritingMoreToStderrThanItsPipeHoldsIsNotBlockedWhileItsStdoutStaysOpen() {
        // 256 KiB (four pipes' worth) to stderr before anything to stdout: stderr has no reader of
        // its own until the runner sees bytes waiting, and then it must get one, or the job would
        // wait for ever. Every byte was read (the offsets count the ones the tail dropped), in
        // whatever order the two pipes were read.
        JobId id = a.jobs().submit(JobSpec.shell("head -c 262144 /dev/zero | tr '\\0' x >&2; echo done"));

        JobRecord done = awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(30));

        assertThat(done.exitCode()).isZero();
        assertThat(a.jobs().logs(id, 0, 0).end()).isEqualTo(262_144 + "done\n".length());
        assertThat(a.jobs().logs(id, 0, 0, JobLog.Stream.STDERR).text()).matches("x+");
    }

    @Test
    void jobsPrintingWhileTheyRunAllFinishWithTheirWholeOutput() {
        // output sent in several appends, the last chained onto one still in flight: its completion
        // must not leave the next append on a Hazelcast response thread (the job stayed RUNNING)
        List<JobId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add((i % 2 == 0 ? a : b).jobs().submit(JobSpec.shell(
                    "for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.05; done; echo last")));
        }

        for (JobId id : ids) {
            assertThat(awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(60)).exitCode()).isZero();
            assertThat(a.jobs().logs(id).text()).startsWith("line 1\n").endsWith("line 8\nlast\n");
        }
    }

    @Test
    void givesTheJobItsEnvironmentAndAPrivateWorkdirThatIsDeletedAfterwards() {
        JobId id = a.jobs().submit(JobSpec.builder()
                .shell("echo $GREETING $JOBGRID_JOB_ID $JOBGRID_ATTEMPT; pwd; echo ${HOME:-nohome}")
                .env(Map.of("GREETING", "hello")).build());

        a.jobs().await(id, Duration.ofSeconds(20));

        String[] lines = a.jobs().logs(id).text().split("\n");
        assertThat(lines[0]).isEqualTo("hello " + id + " 1");
        assertThat(lines[1]).contains("jobgrid-" + id);
        assertThat(Path.of(lines[1])).doesNotExist();
        assertThat(lines[2]).isEqualTo("nohome");

        // a directory the job filled goes too, by the walk that an empty one does not need
        JobId filled = a.jobs().submit(JobSpec.builder().shell("pwd; mkdir -p sub/deeper && touch left sub/deeper/f").build());
        assertThat(a.jobs().await(filled, Duration.ofSeconds(20)).state()).isEqualTo(JobState.SUCCEEDED);
        Path dir = Path.of(a.jobs().logs(filled).text().trim());
        assertThat(dir.getFileName().toString()).startsWith("jobgrid-" + filled);
        assertThat(dir).doesNotExist();
    }

    @Test
    void failsWithTheExitCodeAndRetriesUpToMaxAttempts() {
        JobId id = a.jobs().submit(JobSpec.builder().shell("echo try $JOBGRID_ATTEMPT; exit 3").maxAttempts(3)
                .backoff(new io.jobgrid.api.Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))).build());

        JobRecord done = awaitState(a, id, JobState.FAILED, Duration.ofSeconds(30));

        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(done.attempt()).isEqualTo(3);
        assertThat(done.attempts()).extracting(io.jobgrid.api.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(a.jobs().logs(id, 2, 0).text()).isEqualTo("try 2\n");
    }

    @Test
    void reportsAProgramThatCannotStartAsFailed() {
        JobId id = a.jobs().submit(JobSpec.command("/no/such/program"));

        JobRecord done = awaitState(a, id, JobState.FAILED, Duration.ofSeconds(20));

        assertThat(done.error()).contains("cannot start");
    }

    @Test
    void killsTheWholeProcessTreeOnTimeout() throws Exception {
        Path pids = tmp.resolve("pids");
        JobId id = a.jobs().submit(JobSpec.builder()
                .shell("sleep 60 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait")
                .timeout(Duration.ofSeconds(1)).build());

        JobRecord done = awaitState(a, id, JobState.TIMED_OUT, Duration.ofSeconds(20));

        assertThat(done.error()).contains("timed out");
        assertAllGone(pids);
    }

    @Test
    void cancelKillsARunningJobsProcessTree() throws Exception {
        Path pids = tmp.resolve("pids");
        JobId id = a.jobs().submit(JobSpec.shell("sleep 60 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait"));
        awaitState(a, id, JobState.RUNNING, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pids) && Files.readAllLines(pids).size() == 2);

        JobRecord cancelled = b.jobs().cancel(id);

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertAllGone(pids);
        assertThat(a.jobs().require(id).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void cancelOfAFinishedJobIsRefused() {
        JobId id = a.jobs().submit(JobSpec.shell("true"));
        awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(20));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.jobs().cancel(id))
                .isInstanceOf(io.jobgrid.api.IllegalStateChangeException.class)
                .hasMessageContaining("cannot move from SUCCEEDED to CANCELLED");
    }

    @Test
    void keepsABoundedTailOfAJobThatPrintsFiftyMebibytes() {
        JobId id = a.jobs().submit(JobSpec.shell("head -c 52428800 /dev/zero | tr '\\0' 'x'; echo; echo END"));

        awaitState(a, id, JobState.SUCCEEDED, Duration.ofSeconds(60));

        JobLog log = a.jobs().logs(id);
        assertThat(log.end()).isEqualTo(52428800L + 5);
        assertThat(log.data().length).isLessThanOrEqualTo(64 * 1024);
        assertThat(log.dropped()).isEqualTo(log.end() - log.data().length);
        assertThat(log.text()).endsWith("xxx\nEND\n");
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstJob() {
        JobSpec spec = JobSpec.builder().shell("true").idempotencyKey("nightly-2026-11-22").build();

        JobId first = a.jobs().submit(spec);
        JobId second = b.jobs().submit(spec);

        assertThat(second).isEqualTo(first);
        awaitState(a, first, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(a.jobs().list(new io.jobgrid.api.JobQuery(null, null, 10000)))
                .filteredOn(r -> "nightly-2026-11-22".equals(r.spec().idempotencyKey())).hasSize(1);
    }

    private static void assertAllGone(Path pids) throws Exception {
        List<Long> all = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertThat(all).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                all.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }
}
