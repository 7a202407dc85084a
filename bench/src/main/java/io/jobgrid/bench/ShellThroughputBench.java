package io.jobgrid.bench;

import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code bin/bench shell-throughput}: 5,000 {@code true} jobs over REST on a 3-node local cluster,
 * timed from the first submit to the last SUCCEEDED; then submit-to-start latency at a steady
 * 50 jobs/s that leaves slots free. Baseline: this machine spawning {@code /bin/sh -c true} with
 * ProcessBuilder as fast as it can, on as many threads as it has cores, measured warm: a first
 * round of 5 s lets the JIT compile the spawn path, and only the second, of 10 s, counts (a cold
 * single round read 569-659 spawns/s where a warm JVM spawns about 870/s).
 *
 * <p>Priorities: each phase runs twice, plain (every job at the default priority) and with mixed
 * priorities ({@code true} at priority {@code i % 101}, so the queues hold every rank), one after
 * the other, and the ratio of the two is printed ({@code priority_vs_plain}); {@code
 * -Dpriorities=false} skips the mixed phases. With priorities, a third single-request phase runs the
 * mixed jobs under a concurrency key whose limit ({@value #LIMIT}) is far above the cluster's slots,
 * so every job takes and gives back a permit but never waits for one; {@code limited_vs_plain}
 * compares it with the plain phase. {@code -Drounds=N} runs every phase N times,
 * interleaved, and keeps the fastest of each; {@code -Dslots=N} sets each node's slots (default
 * twice the cores), {@code -Djobs} and {@code -Dnodes} the load and the cluster.
 *
 * <p>Besides the nodes' total CPU per job (utime + stime of the node processes, children not
 * included), it prints the CPU per job of each node thread group from {@code /proc} (see
 * {@link NodeCpu}), so the cost of a job can be accounted for: REST, partition threads, IO,
 * the runner, metrics. And where the whole machine's CPU went per job ({@link MachineCpu}): the
 * nodes, the jobs' shells, this JVM (the HTTP client submitting, the event stream it follows) and
 * the kernel, next to the same accounting per spawn of the baseline. Both runs keep the machine's
 * cores busy, so the ratio is close to the baseline's CPU per spawn over the grid's per job.
 */
public final class ShellThroughputBench {
    /** Jobs per request in the batched phase. */
    private static final int BATCH = 100;
    /** The limit of the limited phase's key: more than any bench cluster's slots, so it only costs permits. */
    private static final int LIMIT = 100_000;

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(System.getProperty("jobs", "5000"));
        int nodes = Integer.parseInt(System.getProperty("nodes", "3"));
        new ShellThroughputBench().run(nodes, jobs);
        System.exit(0);
    }

    private void run(int nodes, int jobs) throws Exception {
        Map<String, Double> spawnCost = new LinkedHashMap<>();
        double baseline = warmBaseline(spawnCost);
        int slots = Integer.getInteger("slots", Runtime.getRuntime().availableProcessors() * 2);
        try (LocalCluster cluster = LocalCluster.start(nodes, slots, "768m")) {
            List<JobgridClient> clients = cluster.clients();
            EventCount events = EventCount.follow(clients.get(clients.size() - 1));
            boolean priorities = Boolean.parseBoolean(System.getProperty("priorities", "true"));
            warmUp(clients, events, new NodeCpu(cluster.pids()), warmUpJobs(clients.get(0), priorities));
            Phase single = best(cluster, events, jobs, false, Load.PLAIN, null);
            Phase mixed = priorities ? best(cluster, events, jobs, false, Load.MIXED, null) : null;
            Phase limited = priorities ? best(cluster, events, jobs, false, Load.LIMITED, null) : null;
            Phase batched = best(cluster, events, jobs, true, Load.PLAIN, null);
            Phase mixedBatched = priorities ? best(cluster, events, jobs, true, Load.MIXED, null) : null;
            for (int round = 2; round <= Integer.getInteger("rounds", 1); round++) {
                single = best(cluster, events, jobs, false, Load.PLAIN, single);
                mixed = priorities ? best(cluster, events, jobs, false, Load.MIXED, mixed) : null;
                limited = priorities ? best(cluster, events, jobs, false, Load.LIMITED, limited) : null;
                batched = best(cluster, events, jobs, true, Load.PLAIN, batched);
                mixedBatched = priorities ? best(cluster, events, jobs, true, Load.MIXED, mixedBatched) : null;
            }
            long finishedEvents = events.awaitFinished(single.ids(), Duration.ofSeconds(10));
            events.close();
            long failed = countNotSucceeded(clients.get(0), single.ids())
                    + countNotSucceeded(clients.get(0), batched.ids());
            System.err.printf("event stream: %d of %d finished events seen, %d dropped%n", finishedEvents, jobs,
                    events.dropped());
            long[] latency = steadyLatency(clients, 50, Duration.ofSeconds(20));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bench", "shell-throughput");
            out.put("nodes", nodes);
            out.put("jobs", jobs);
            out.put("seconds", round(single.seconds()));
            out.put("jobs_per_s", round(jobs / single.seconds()));
            out.put("not_succeeded", failed);
            out.put("node_cpu_ms_per_job", round(single.cpuMsPerJob()));
            out.put("node_cpu_us_per_job_by_thread_group", single.usPerJob());
            out.put("batched_jobs_per_s", round(jobs / batched.seconds()));
            out.put("batched_ratio", round(jobs / batched.seconds() / baseline));
            out.put("batched_node_cpu_ms_per_job", round(batched.cpuMsPerJob()));
            out.put("batched_node_cpu_us_per_job_by_thread_group", batched.usPerJob());
            if (priorities) {
                putPriorities(out, clients.get(0), jobs, new Phase[] {single, mixed, batched, mixedBatched, limited});
            }
            out.put("baseline", "raw ProcessBuilder spawn of /bin/sh -c true, " + Runtime.getRuntime()
                    .availableProcessors() + " threads");
            out.put("baseline_per_s", round(baseline));
            out.put("baseline_cpu_ms_per_spawn", spawnCost);
            out.put("cpu_ms_per_job", single.machine());
            out.put("batched_cpu_ms_per_job", batched.machine());
            out.put("ratio", round(jobs / single.seconds() / baseline));
            out.put("latency_rate_per_s", 50);
            out.put("events_finished_seen", finishedEvents);
            out.put("events_dropped", events.dropped());
            out.put("p50_ms", latency[0]);
            out.put("p99_ms", latency[1]);
            out.put("max_ms", latency[2]);
            System.out.println(Json.write(out));
        }
    }

    /**
     * The warm-up's jobs: with priorities, the limited phase's key gets its limit now and half the
     * jobs take that phase's path (permits, mixed ranks), so it is not measured while the JIT compiles it.
     */
    private static IntFunction<JobRequest> warmUpJobs(JobgridClient node, boolean priorities) {
        if (!priorities) {
            return i -> Submissions.TRUE;
        }
        node.limits().set(Submissions.LIMITED_KEY, LIMIT);
        return i -> i % 2 == 0 ? Submissions.TRUE : Submissions.limited(i);
    }

    /** The figures of the mixed-priority phases; {@code p}: plain, mixed, plain batched, mixed batched. */
    private static void putPriorities(Map<String, Object> out, JobgridClient node, int jobs, Phase[] p) {
        long failed = (long) out.get("not_succeeded") + countNotSucceeded(node, p[1].ids())
                + countNotSucceeded(node, p[3].ids());
        out.put("not_succeeded", failed);
        out.put("priority_jobs_per_s", round(jobs / p[1].seconds()));
        out.put("priority_vs_plain", round(p[0].seconds() / p[1].seconds()));
        out.put("priority_node_cpu_ms_per_job", round(p[1].cpuMsPerJob()));
        out.put("priority_batched_jobs_per_s", round(jobs / p[3].seconds()));
        out.put("priority_batched_vs_plain", round(p[2].seconds() / p[3].seconds()));
        out.put("priority_batched_node_cpu_ms_per_job", round(p[3].cpuMsPerJob()));
        out.put("not_succeeded", failed + countNotSucceeded(node, p[4].ids()));
        out.put("limited_jobs_per_s", round(jobs / p[4].seconds()));
        out.put("limited_vs_plain", round(p[0].seconds() / p[4].seconds()));
        out.put("limited_vs_priority", round(p[1].seconds() / p[4].seconds()));
        out.put("limited_node_cpu_ms_per_job", round(p[4].cpuMsPerJob()));
    }

    /**
     * What the measured jobs carry: nothing but the program, priorities from 0 to 100, or those
     * priorities and a concurrency key with a limit above the slots.
     */
    private enum Load {
        PLAIN, MIXED, LIMITED
    }

    /** One measured burst: its length, the ids, and the nodes' CPU per job in all and by thread group. */
    private record Phase(double seconds, List<String> ids, double cpuMsPerJob, Map<String, Long> usPerJob,
                         Map<String, Double> machine) {
    }

    /**
     * Measures the phase again and keeps the faster of it and {@code sofar} (null: none yet):
     * {@code -Drounds=N} runs every phase N times, interleaved, so a ratio between two phases is
     * not the load of other work on a shared machine drifting between them.
     */
    private static Phase best(LocalCluster cluster, EventCount events, int jobs, boolean batched, Load load,
                              Phase sofar) throws Exception {
        Phase now = measure(cluster, events, jobs, batched, load);
        return sofar == null || now.seconds() < sofar.seconds() ? now : sofar;
    }

    /**
     * Submits {@code jobs} {@code true} jobs, one REST request each from 16 threads, or in batches
     * of {@value #BATCH} through {@code POST /api/v1/jobs/batch}; timed from the first submit to
     * the arrival of the last finished event on the stream the bench follows anyway (polling every
     * node's /metrics ten times a second, as before, cost the nodes about 1 ms of CPU per job).
     */
    private static Phase measure(LocalCluster cluster, EventCount events, int jobs, boolean batched, Load load)
            throws Exception {
        List<JobgridClient> clients = cluster.clients();
        double cpuBefore = cluster.cpuSeconds();
        NodeCpu threads = new NodeCpu(cluster.pids());
        Map<String, Long> threadsBefore = threads.snapshot();
        MachineCpu machine = new MachineCpu(cluster.pids());
        MachineCpu.Reading machineBefore = machine.read();
        long t0 = System.nanoTime();
        IntFunction<JobRequest> request = switch (load) {
            case MIXED -> Submissions::mixedPriority;
            case LIMITED -> Submissions::limited;
            case PLAIN -> i -> Submissions.TRUE;
        };
        List<String> ids = batched ? Submissions.batches(clients, jobs, BATCH, request)
                : Submissions.burst(clients, jobs, 16, request);
        long last = events.awaitAll(ids, Duration.ofMinutes(10));
        if (last < 0) {
            throw new IllegalStateException("not every finished event arrived within 10 minutes ("
                    + events.dropped() + " dropped)");
        }
        double seconds = (last - t0) / 1e9;
        double cpuMsPerJob = (cluster.cpuSeconds() - cpuBefore) * 1000 / jobs;
        Map<String, Long> usPerJob = perJob(threadsBefore, threads.snapshot(), jobs);
        Map<String, Double> cpu = MachineCpu.perUnit(machineBefore, machine.read(), jobs);
        String how = (batched ? "in batches of " + BATCH : "one request each")
                + (load == Load.MIXED ? ", priorities 0-100" : load == Load.LIMITED
                ? ", priorities 0-100, concurrency key limited to " + LIMIT : "");
        System.err.printf("throughput, %s: %d jobs in %.2fs = %.0f jobs/s, nodes' CPU %.2f ms per job%n", how, jobs,
                seconds, jobs / seconds, cpuMsPerJob);
        System.err.println("# nodes' CPU per job by thread group (" + how + "), microseconds: " + usPerJob);
        System.err.println("# the machine's CPU per job (" + how + "), ms: " + cpu);
        return new Phase(seconds, ids, cpuMsPerJob, usPerJob, cpu);
    }

    /**
     * Warm-up rounds of {@code warmup} jobs (default 2,000) until the nodes' JIT compilers use under
     * 5% of their CPU in a round, at most {@code warmupRounds} (default 10): a fixed 4,000 jobs left
     * the compilers at 40% of the nodes' CPU in the measured phase on a loaded machine, so the
     * figures were a starting node's, not a running one's.
     */
    private static void warmUp(List<JobgridClient> clients, EventCount events, NodeCpu cpu,
                               IntFunction<JobRequest> request) throws Exception {
        int jobs = Integer.getInteger("warmup", 2000);
        int rounds = Integer.getInteger("warmupRounds", 10);
        for (int round = 1; round <= rounds; round++) {
            Map<String, Long> before = cpu.snapshot();
            List<String> ids = new ArrayList<>(Submissions.burst(clients, jobs / 2, 16, request));
            ids.addAll(Submissions.batches(clients, jobs - jobs / 2, BATCH, request));
            if (events.awaitAll(ids, Duration.ofMinutes(10)) < 0) {
                throw new IllegalStateException("warm-up: not every finished event arrived within 10 minutes");
            }
            Map<String, Long> after = cpu.snapshot();
            long total = NodeCpu.used(before, after, "");
            long compilers = NodeCpu.used(before, after, NodeCpu.JIT);
            double share = total == 0 ? 0 : 100.0 * compilers / total;
            System.err.printf("# warm-up round %d: JIT compilers %.1f%% of the nodes' CPU%n", round, share);
            if (share < 5) {
                return;
            }
        }
    }

    /** Microseconds per job of each thread group that used at least 10 us per job, largest first. */
    private static Map<String, Long> perJob(Map<String, Long> before, Map<String, Long> after, int jobs) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1000 / jobs))
                .filter(e -> e.getValue() >= 10)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The spawn baseline, warm: a first round of 5 s, then the measured one of 10 s, whose CPU per
     * spawn (the machine's, this JVM's and the shells') goes into {@code cost}; spawns per second.
     */
    private static double warmBaseline(Map<String, Double> cost) throws Exception {
        double cold = spawnBaseline(Duration.ofSeconds(5));
        MachineCpu alone = new MachineCpu(List.of());
        MachineCpu.Reading before = alone.read();
        long t0 = System.nanoTime();
        double baseline = spawnBaseline(Duration.ofSeconds(10));
        cost.putAll(MachineCpu.perUnit(before, alone.read(), (int) Math.round(baseline * (System.nanoTime() - t0) / 1e9)));
        System.err.printf("baseline: %.0f spawns/s warm (first round, cold: %.0f); CPU per spawn, ms: %s%n", baseline,
                cold, cost);
        return baseline;
    }

    /** Spawns /bin/sh -c true on every core for {@code length}; returns spawns per second. */
    static double spawnBaseline(Duration length) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    new ProcessBuilder("/bin/sh", "-c", "true").start().waitFor();
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Submits at a steady rate and returns submit-to-start p50, p99 and max in ms. */
    private static long[] steadyLatency(List<JobgridClient> nodes, int perSecond, Duration length) throws Exception {
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        int n = (int) (perSecond * length.toSeconds());
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            JobgridClient node = nodes.get(i % nodes.size());
            running.add(pool.submit(() -> {
                Instant sent = Instant.now();
                sentAt.put(node.submit(Submissions.TRUE).id(), sent);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Instant> e : sentAt.entrySet()) {
            JobView job = awaitStart(nodes.get(0), e.getKey());
            latencies.add(Duration.between(e.getValue(), job.startedAt()).toMillis());
        }
        Collections.sort(latencies);
        return new long[]{pct(latencies, 0.50), pct(latencies, 0.99), latencies.get(latencies.size() - 1)};
    }

    private static JobView awaitStart(JobgridClient node, String id) throws InterruptedException {
        while (true) {
            JobView job = node.job(id);
            if (job.startedAt() != null) {
                return job;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static long countNotSucceeded(JobgridClient node, List<String> ids) {
        return ids.stream().filter(id -> !node.job(id).state().equals("SUCCEEDED")).count();
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
