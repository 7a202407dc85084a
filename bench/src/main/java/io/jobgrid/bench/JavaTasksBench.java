package io.jobgrid.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.console.Echo;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;
import io.jobgrid.api.TaskHandle;
import io.jobgrid.client.Json;
import io.jobgrid.grid.HzJobStore;
import io.jobgrid.node.GridNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench java-tasks}: Java tasks on 3 node processes (started as {@code bin/jobgrid up}
 * starts them, with this jar on their {@code --classpath}), submitted by a member in this JVM that
 * runs none itself. Phase 1: N no-op tasks in batches of 1000, from the first submit to the last
 * SUCCEEDED record; baseline, same run: N no-op {@code Callable}s (Hazelcast's own {@link Echo})
 * through a raw {@link IExecutorService#submitToMember}, round-robin over the same 3 members,
 * every future awaited. Phase 2: submit-to-start p50/p99 at a steady rate with free slots. Phase
 * 3: tasks of 10 ms with one node SIGKILLed halfway; lost, and how many ran again.
 *
 * <p>Arguments: {@code [tasks] [killTasks] [ratePerSecond]}, default 100000 20000 500.
 */
public final class JavaTasksBench {
    private static final int BATCH = 1000;
    private static final int TASK_SLOTS = 4;

    private JavaTasksBench() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int killTasks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path jar = Path.of(System.getProperty("jobgrid.root", "."), "bench/target/jobgrid-bench.jar");
        LocalCluster.Settings settings = LocalCluster.Settings.of(3, 1, "768m")
                .withNodeArgs(List.of("--task-slots", Integer.toString(TASK_SLOTS), "--classpath", jar.toString()));
        Map<String, Object> out;
        try (LocalCluster cluster = LocalCluster.start(settings)) {
            GridNode app = (GridNode) GridNode.start(NodeConfig.builder().name("bench-app")
                    .clusterName(LocalCluster.clusterName()).members(cluster.members())
                    .memberPort(freePort()).taskSlots(0).slots(1)
                    .build());
            try {
                out = run(cluster, app, tasks, killTasks, rate);
            } finally {
                app.close();
            }
        }
        System.out.println(Json.write(out)); // last, after the member in this JVM has logged its leaving
    }

    private static Map<String, Object> run(LocalCluster cluster, GridNode app, int tasks, int killTasks, int rate)
            throws Exception {
        HzJobStore store = new HzJobStore(app.hazelcast());
        timeTasks(app, store, Math.min(tasks, 5_000)); // warm-up: JIT, queues, connections
        double baseline = rawExecutor(app.hazelcast(), Math.min(tasks, 5_000)); // its warm-up
        NodeCpu cpu = new NodeCpu(cluster.pids());
        Map<String, Long> threadsBefore = cpu.snapshot();
        double cpuBefore = cluster.cpuSeconds();
        double seconds = timeTasks(app, store, tasks);
        double cpuMsPerTask = (cluster.cpuSeconds() - cpuBefore) * 1000 / tasks;
        System.err.println("# nodes' CPU ms over phase 1 by thread group: "
                + NodeCpu.difference(threadsBefore, cpu.snapshot(), 1));
        baseline = rawExecutor(app.hazelcast(), tasks);
        double perSecond = tasks / seconds;
        System.err.printf("phase 1: %d tasks in %.2fs = %.0f tasks/s; raw executor %.0f/s%n", tasks, seconds,
                perSecond, baseline);
        long[] latency = steady(app, store, rate, Duration.ofSeconds(10));
        System.err.printf("phase 2: submit-to-start at %d/s: p50 %d ms, p99 %d ms%n", rate, latency[0], latency[1]);
        long[] kill = killHalfway(cluster, app, store, killTasks);
        System.err.printf("phase 3: %d tasks of 10 ms, node 3 killed halfway: lost %d, ran again %d%n", killTasks,
                kill[0], kill[1]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "java-tasks");
        out.put("nodes", 3);
        out.put("task_slots_per_node", TASK_SLOTS);
        out.put("tasks", tasks);
        out.put("seconds", round(seconds));
        out.put("tasks_per_s", round(perSecond));
        out.put("baseline", "raw IExecutorService.submitToMember of Hazelcast's Echo, round-robin over the 3 nodes");
        out.put("baseline_per_s", round(baseline));
        out.put("ratio", round(perSecond / baseline));
        out.put("rate_per_s", rate);
        out.put("p50_ms", latency[0]);
        out.put("p99_ms", latency[1]);
        out.put("kill_tasks", killTasks);
        out.put("lost", kill[0]);
        out.put("rerun", kill[1]);
        out.put("node_cpu_ms_per_task", round(cpuMsPerTask));
        out.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return out;
    }

    /** Submits {@code n} no-op tasks in batches and waits until every record is SUCCEEDED; seconds taken. */
    private static double timeTasks(GridNode app, HzJobStore store, int n) throws InterruptedException {
        Instant t0 = Instant.now();
        List<JobId> ids = new ArrayList<>(n);
        for (int from = 0; from < n; from += BATCH) {
            List<Noop> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                batch.add(new Noop(0));
            }
            for (TaskHandle<Integer> h : app.jobs().submitAll(batch, JobSpec.builder().name("noop"))) {
                ids.add(h.id());
            }
        }
        awaitEnded(store, ids);
        return Duration.between(t0, Instant.now()).toNanos() / 1e9;
    }

    /** Waits until every record has ended, reading them in batches; the ones that did not succeed. */
    private static List<JobRecord> awaitEnded(HzJobStore store, List<JobId> ids) throws InterruptedException {
        Set<JobId> pending = new HashSet<>(ids);
        List<JobRecord> failed = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<JobId> todo = new ArrayList<>(pending);
            for (int from = 0; from < todo.size(); from += BATCH) {
                for (JobRecord r : store.getAll(todo.subList(from, Math.min(todo.size(), from + BATCH))).values()) {
                    if (r.state().isTerminal()) {
                        pending.remove(r.id());
                        if (r.state() != JobState.SUCCEEDED) {
                            failed.add(r);
                        }
                    }
                }
            }
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(pending.size() > BATCH ? 200 : 5);
            }
        }
        return failed;
    }

    /** The baseline: {@code n} no-op callables through a raw executor service, at most 1000 in flight. */
    private static double rawExecutor(HazelcastInstance hz, int n) throws Exception {
        List<Member> nodes = hz.getCluster().getMembers().stream().filter(m -> !m.localMember()).toList();
        IExecutorService executor = hz.getExecutorService("bench-raw");
        Semaphore inFlight = new Semaphore(BATCH);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
        Instant t0 = Instant.now();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            executor.submitToMember(new Echo(""), nodes.get(i % nodes.size()), new ExecutionCallback<String>() {
                @Override
                public void onResponse(String response) {
                    inFlight.release();
                    done.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                    failures.incrementAndGet();
                    inFlight.release();
                    done.countDown();
                }
            });
        }
        if (!done.await(10, TimeUnit.MINUTES) || failures.get() > 0) {
            throw new IllegalStateException("raw executor: " + failures.get() + " of " + n + " failed or not done");
        }
        return n / (Duration.between(t0, Instant.now()).toNanos() / 1e9);
    }

    /** One task at a time at {@code rate} per second for {@code length}: p50, p99 of start minus submit. */
    private static long[] steady(GridNode app, HzJobStore store, int rate, Duration length) throws Exception {
        int n = (int) (rate * length.toSeconds());
        List<JobId> ids = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            ids.add(app.jobs().submit(new Noop(0)).id());
        }
        awaitEnded(store, ids);
        long[] ms = new long[n];
        int i = 0;
        for (List<JobId> part : partition(ids)) {
            for (JobRecord r : store.getAll(part).values()) {
                ms[i++] = Duration.between(r.createdAt(), r.attempts().get(0).startedAt()).toMillis();
            }
        }
        Arrays.sort(ms, 0, i);
        return new long[] {ms[i / 2], ms[Math.min(i - 1, (int) (i * 0.99))]};
    }

    /** Tasks of 10 ms, node 3 SIGKILLed when half have ended: {lost, attempts run again}. */
    private static long[] killHalfway(LocalCluster cluster, GridNode app, HzJobStore store, int n) throws Exception {
        List<JobId> ids = new ArrayList<>(n);
        for (int from = 0; from < n; from += BATCH) {
            List<Noop> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                batch.add(new Noop(10));
            }
            app.jobs().submitAll(batch, JobSpec.builder().name("ten-ms").maxAttempts(1)).forEach(h -> ids.add(h.id()));
        }
        while (ended(store, ids) < n / 2) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        cluster.processes().get(2).destroyForcibly();
        List<JobRecord> failed = awaitEnded(store, ids);
        long rerun = 0;
        for (List<JobId> part : partition(ids)) {
            for (JobRecord r : store.getAll(part).values()) {
                rerun += r.attempt() - 1;
            }
        }
        return new long[] {failed.size(), rerun};
    }

    private static int ended(HzJobStore store, List<JobId> ids) {
        int n = 0;
        for (List<JobId> part : partition(ids)) {
            n += (int) store.getAll(part).values().stream().filter(r -> r.state().isTerminal()).count();
        }
        return n;
    }

    private static List<List<JobId>> partition(List<JobId> ids) {
        List<List<JobId>> parts = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            parts.add(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        return parts;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Sleeps {@code millis} (0: returns at once) and returns it. */
    public record Noop(int millis) implements Task<Integer> {
        @Override
        public Integer run(TaskContext ctx) throws InterruptedException {
            if (millis > 0) {
                TimeUnit.MILLISECONDS.sleep(millis);
            }
            return millis;
        }
    }
}
