package io.jobgrid.node;

import io.jobgrid.api.Backoff;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;
import io.jobgrid.api.TaskFailedException;
import io.jobgrid.api.TaskHandle;
import io.jobgrid.api.TaskSpec;
import io.jobgrid.core.JobUpdates;
import io.jobgrid.core.StaleAttemptException;
import io.jobgrid.grid.HzJobStore;
import io.jobgrid.support.GreetTask;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Java tasks on a real in-JVM cluster: results, exceptions, retries, timeouts, cancels, failover
 * with fencing, DAGs mixed with shell jobs, idempotency and named types present on one member.
 * The tasks run in this JVM, so they report to the test through static latches and sets keyed by
 * a name each test picks.
 */
class JavaTaskTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private TestGrid grid;

    @BeforeEach
    void newGrid() {
        grid = new TestGrid();
    }

    @AfterEach
    void closeGrid() {
        GATES.values().forEach(CountDownLatch::countDown);
        grid.close();
    }

    @Test
    void returnsTheTypedResultAndKeepsTheLoggedLines() {
        GridNode node = grid.start(s -> s.taskSlots(2));

        TaskHandle<Integer> sum = node.jobs().submit(new Add(2, 3), JobSpec.builder().name("add"));

        assertThat(sum.await(WITHIN)).isEqualTo(5);
        JobRecord r = sum.record();
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.name()).isEqualTo("add");
        assertThat(r.spec().task().type()).isEqualTo(Add.class.getName());
        assertThat(new String(node.jobs().logs(sum.id()).data(), StandardCharsets.UTF_8)).isEqualTo("adding 2 and 3\n");
    }

    @Test
    void recordsTheExceptionAsTypeMessageAndStackTrace() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        TaskHandle<Integer> h = node.jobs().submit(new Fails("no such customer 42"));

        assertThatThrownBy(() -> h.await(WITHIN)).isInstanceOfSatisfying(TaskFailedException.class, e -> {
            assertThat(e.errorType()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(e.getMessage()).contains("FAILED", "no such customer 42");
            assertThat(e.remoteStackTrace()).contains(Fails.class.getName() + ".run");
        });
        assertThat(h.record().state()).isEqualTo(JobState.FAILED);
        assertThat(h.record().result().errorMessage()).isEqualTo("no such customer 42");
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        TaskHandle<String> h = node.jobs().submit(new FailsBefore(3), JobSpec.builder().maxAttempts(3)
                .backoff(new Backoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1))));

        assertThat(h.await(WITHIN)).isEqualTo("ok at attempt 3");
        JobRecord r = h.record();
        assertThat(r.attempt()).isEqualTo(3);
        assertThat(r.attempts()).extracting(a -> a.outcome()).containsExactly("FAILED", "FAILED", "SUCCEEDED");
    }

    @Test
    void aTimeoutInterruptsTheTaskAndRecordsTimedOut() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        TaskHandle<String> h = node.jobs().submit(new Blocks("timeout"), JobSpec.builder().timeout(Duration.ofSeconds(1)));

        JobRecord r = TestGrid.awaitState(node, h.id(), JobState.TIMED_OUT, WITHIN);
        assertThat(r.error()).contains("timed out after 1.0 s");
        await().atMost(WITHIN).until(() -> SEEN.contains("timeout:interrupted"));
        await().atMost(WITHIN).until(() -> node.nodes().self().runningTasks() == 0); // its slot is free again
    }

    @Test
    void anAttemptThatIgnoresItsTimeoutGivesItsSlotBackWhenItReturnsAfterTheRetryRanHere() throws Exception {
        GridNode node = grid.start(s -> s.taskSlots(2));
        GATES.put("stuck", new CountDownLatch(1));

        TaskHandle<String> h = node.jobs().submit(new BlocksFirstAttempt("stuck"),
                JobSpec.builder().timeout(Duration.ofMillis(500)).maxAttempts(2).backoff(new io.jobgrid.api.Backoff(
                        Duration.ofMillis(50), 1, Duration.ofMillis(50))));
        assertThat(h.await(WITHIN)).isEqualTo("attempt 2"); // ran on the other slot while attempt 1 is stuck
        GATES.get("stuck").countDown();
        await().atMost(WITHIN).until(() -> SEEN.contains("stuck:returned:1"));

        GATES.put("pair", new CountDownLatch(2));
        TaskHandle<String> a = node.jobs().submit(new Meets("pair"), JobSpec.builder());
        TaskHandle<String> b = node.jobs().submit(new Meets("pair"), JobSpec.builder());
        assertThat(a.await(WITHIN)).as("both slots are free again: the two run at once").isEqualTo("met");
        assertThat(b.await(WITHIN)).isEqualTo("met");
    }

    @Test
    void cancelInterruptsARunningTask() {
        List<GridNode> nodes = grid.start(2, s -> s.taskSlots(1));

        TaskHandle<String> h = nodes.get(0).jobs().submit(new Blocks("cancel"));
        TestGrid.awaitState(nodes.get(0), h.id(), JobState.RUNNING, WITHIN);
        await().atMost(WITHIN).until(() -> SEEN.contains("cancel:started:1"));
        nodes.get(1).jobs().cancel(h.id());

        await().atMost(WITHIN).until(() -> SEEN.contains("cancel:interrupted"));
        assertThat(h.record().state()).isEqualTo(JobState.CANCELLED);
        assertThatThrownBy(() -> h.await(WITHIN)).isInstanceOf(TaskFailedException.class).hasMessageContaining("CANCELLED");
    }

    @Test
    void aTaskWhoseMemberDiesRunsAgainAndTheLateResultOfTheFirstAttemptIsDiscarded() {
        List<GridNode> nodes = grid.start(3, s -> s.taskSlots(2));
        GATES.put("failover", new CountDownLatch(1));

        TaskHandle<String> h = nodes.get(0).jobs().submit(new BlocksFirstAttempt("failover"));
        JobRecord running = TestGrid.awaitState(nodes.get(0), h.id(), JobState.RUNNING, WITHIN);
        await().atMost(WITHIN).until(() -> SEEN.contains("failover:started:1")); // its code runs, not just its claim
        GridNode victim = nodes.stream().filter(n -> n.name().equals(running.node())).findFirst().orElseThrow();
        GridNode survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
        grid.terminate(victim);

        assertThat(survivor.jobs().task(h.id()).await(WITHIN)).isEqualTo("attempt 2");
        GATES.get("failover").countDown(); // attempt 1's code returns now, on the dead member
        await().atMost(WITHIN).until(() -> SEEN.contains("failover:returned:1"));
        HzJobStore store = new HzJobStore(survivor.hazelcast());
        JobUpdates.FinishTask late = new JobUpdates.FinishTask(h.id(), 1, running.nodeId(), JobState.SUCCEEDED, null,
                io.jobgrid.api.TaskResult.value(new byte[] {1}), Instant.now());
        assertThatThrownBy(() -> store.update(h.id(), late)).isInstanceOf(StaleAttemptException.class);

        JobRecord r = survivor.jobs().require(h.id());
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.node()).isNotEqualTo(victim.name());
        assertThat(r.attempts().get(0).outcome()).isEqualTo("NODE_LOST");
        assertThat(survivor.jobs().<String>task(h.id()).await(WITHIN)).isEqualTo("attempt 2");
    }

    @Test
    void tasksWithConstraintsRunOnlyOnMatchingNodes() {
        GridNode plain = grid.start(s -> s.name("plain").taskSlots(2));
        GridNode gpu = grid.start(s -> s.name("gpu-box").taskSlots(2).tags(Map.of("gpu", "true")));
        await().atMost(WITHIN).until(() -> plain.hazelcast().getCluster().getMembers().size() == 2);
        List<TaskHandle<Integer>> handles = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            handles.add(plain.jobs().submit(new Add(i, 1), JobSpec.builder().constraints(Map.of("gpu", "true"))));
        }

        for (int i = 0; i < 8; i++) {
            assertThat(handles.get(i).await(WITHIN)).isEqualTo(i + 1);
            assertThat(handles.get(i).record().node()).isEqualTo(gpu.name());
        }
    }

    @Test
    void runsADagOfShellThenJavaThenShell() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        JobId first = node.jobs().submit(JobSpec.shell("echo first"));
        TaskHandle<Integer> middle = node.jobs().submit(new Add(20, 22), JobSpec.builder().dependsOn(List.of(first)));
        JobId last = node.jobs().submit(JobSpec.builder().shell("echo last").dependsOn(List.of(middle.id())).build());

        JobRecord end = TestGrid.awaitState(node, last, JobState.SUCCEEDED, WITHIN);
        assertThat(middle.await(WITHIN)).isEqualTo(42);
        JobRecord a = node.jobs().require(first);
        JobRecord b = middle.record();
        assertThat(b.startedAt()).isAfterOrEqualTo(a.finishedAt());
        assertThat(end.startedAt()).isAfterOrEqualTo(b.finishedAt());
    }

    @Test
    void anIdempotencyKeyUsedAgainGivesTheFirstTask() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        TaskHandle<Integer> one = node.jobs().submit(new Add(1, 1), JobSpec.builder().idempotencyKey("order-7"));
        TaskHandle<Integer> two = node.jobs().submit(new Add(5, 5), JobSpec.builder().idempotencyKey("order-7"));

        assertThat(two.id()).isEqualTo(one.id());
        assertThat(two.await(WITHIN)).isEqualTo(2);
    }

    @Test
    void submitAllRunsABatchAndEachHandleHasItsResult() {
        List<GridNode> nodes = grid.start(2, s -> s.taskSlots(2));
        List<Add> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(new Add(i, i));
        }

        List<TaskHandle<Integer>> handles = nodes.get(0).jobs().submitAll(tasks, JobSpec.builder().name("batch"));

        for (int i = 0; i < 20; i++) {
            assertThat(handles.get(i).await(WITHIN)).isEqualTo(2 * i);
        }
    }

    @Test
    void aResultOverTheLimitFailsTheAttemptNamingTheLimit() {
        GridNode node = grid.start(s -> s.taskSlots(1));

        TaskHandle<byte[]> h = node.jobs().submit(new Big(2 * 1024 * 1024));

        assertThatThrownBy(() -> h.await(WITHIN)).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("over the limit of 1048576 bytes");
    }

    @Test
    void aNamedTypeOnOneMemberRunsOnlyThere() {
        GridNode lacks = grid.start(s -> s.name("lacks").taskSlots(2));
        GridNode has = grid.start(s -> s.name("has").taskSlots(2).taskTypes(List.of(new GreetTask())));
        await().atMost(WITHIN).until(() -> lacks.nodes().list().stream().anyMatch(n -> n.taskTypes().contains("greet")));
        List<JobId> ids = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            ids.add(lacks.jobs().submit(JobSpec.builder().task(TaskSpec.named("greet", Map.of("who", "n" + i))).build()));
        }

        for (int i = 0; i < 6; i++) {
            JobRecord r = TestGrid.awaitState(lacks, ids.get(i), JobState.SUCCEEDED, WITHIN);
            assertThat(r.node()).isEqualTo("has");
            assertThat(lacks.jobs().<String>task(ids.get(i)).await(WITHIN)).isEqualTo("hello n" + i);
        }
        int stored = lacks.jobs().list(io.jobgrid.api.JobQuery.all()).size();
        assertThatThrownBy(() -> lacks.jobs().submit(JobSpec.builder().task(TaskSpec.named("greet", Map.of())).build()))
                .as("bad arguments are refused where the type is missing too: the node that has it checks them")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("args.who"));
        assertThat(lacks.jobs().list(io.jobgrid.api.JobQuery.all())).hasSize(stored);
    }

    @Test
    void anUnknownTypeOrBadArgumentsAreRefusedAndNothingIsStored() {
        GridNode has = grid.start(s -> s.name("has").taskSlots(1).taskTypes(List.of(new GreetTask())));
        int before = has.jobs().list(io.jobgrid.api.JobQuery.all()).size();

        assertThatThrownBy(() -> has.jobs().submit(JobSpec.builder().task(TaskSpec.named("nope", Map.of())).build()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("task");
                    assertThat(e.getMessage()).contains("'nope'", "[greet]");
                });
        assertThatThrownBy(() -> has.jobs().submit(JobSpec.builder().task(TaskSpec.named("greet", Map.of())).build()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("args.who"));
        assertThat(has.jobs().list(io.jobgrid.api.JobQuery.all())).hasSize(before);
    }

    /** Adds two numbers and logs a line. */
    static final class Add implements Task<Integer> {
        private final int a;
        private final int b;

        Add(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public Integer run(TaskContext ctx) {
            if (a == 2 && b == 3) {
                ctx.log("adding " + a + " and " + b);
            }
            return a + b;
        }
    }

    /** Always throws. */
    record Fails(String why) implements Task<Integer> {
        @Override
        public Integer run(TaskContext ctx) {
            throw new IllegalArgumentException(why);
        }
    }

    /** Throws until attempt {@code succeedAt}. */
    record FailsBefore(int succeedAt) implements Task<String> {
        @Override
        public String run(TaskContext ctx) {
            if (ctx.attempt() < succeedAt) {
                throw new IllegalStateException("not yet at attempt " + ctx.attempt());
            }
            return "ok at attempt " + ctx.attempt();
        }
    }

    /** Sleeps until interrupted, noting that it was. */
    record Blocks(String name) implements Task<String> {
        @Override
        public String run(TaskContext ctx) throws InterruptedException {
            SEEN.add(name + ":started:" + ctx.attempt());
            try {
                TimeUnit.MINUTES.sleep(5);
                return "slept";
            } catch (InterruptedException e) {
                SEEN.add(name + ":interrupted");
                throw e;
            }
        }
    }

    /** Attempt 1 waits at the gate {@code name} (ignoring interrupts); later attempts return at once. */
    record BlocksFirstAttempt(String name) implements Task<String> {
        @Override
        public String run(TaskContext ctx) {
            if (ctx.attempt() == 1) {
                SEEN.add(name + ":started:1");
                CountDownLatch gate = GATES.get(name);
                while (true) {
                    try {
                        gate.await();
                        break;
                    } catch (InterruptedException e) {
                        // keeps going, as a task that ignores interrupts would
                    }
                }
                SEEN.add(name + ":returned:1");
            }
            return "attempt " + ctx.attempt();
        }
    }

    /** Waits for as many tasks of {@code name} as its gate counts to run at the same time. */
    record Meets(String name) implements Task<String> {
        @Override
        public String run(TaskContext ctx) throws InterruptedException {
            CountDownLatch gate = GATES.get(name);
            gate.countDown();
            if (!gate.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": the other task never ran alongside");
            }
            return "met";
        }
    }

    /** Returns {@code size} bytes. */
    record Big(int size) implements Task<byte[]> {
        @Override
        public byte[] run(TaskContext ctx) {
            return new byte[size];
        }
    }
}
