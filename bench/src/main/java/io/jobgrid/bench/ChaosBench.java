package io.jobgrid.bench;

import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import io.jobgrid.testkit.NetworkNamespaces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bin/bench chaos}: 2,000 jobs of 0-3 s (one in twenty fails its first attempt and is
 * retried) on 4 member processes while a random member is disrupted every 10 s: SIGKILL and a
 * restart, a hang (SIGSTOP, then SIGCONT or SIGKILL) or, where Linux network namespaces can be
 * made, a network cut that later heals. Then every job must be terminal: none lost, none stuck.
 * Each job appends "start N" / "end N" to a marker file per attempt, so the run also counts the
 * jobs whose body really ran to its end more than once.
 *
 * <p>Options (system properties): {@code nodes} (4), {@code jobs} (2000), {@code slots} (4),
 * {@code interval} (seconds, 10), {@code seed}, {@code netns=false} to stay on loopback;
 * {@code --quick} (or {@code -Dquick=true}) runs 3 nodes and 300 jobs. The baseline is the
 * ideal makespan of the same jobs with no disruption: total job seconds over total slots.
 */
public final class ChaosBench {
    private static final double FAIL_FIRST_SHARE = 0.05;

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick") || Boolean.getBoolean("quick");
        int nodes = Integer.getInteger("nodes", quick ? 3 : 4);
        int jobs = Integer.getInteger("jobs", quick ? 300 : 2000);
        int slots = Integer.getInteger("slots", 4);
        int interval = Integer.getInteger("interval", 10);
        long seed = Long.getLong("seed", System.currentTimeMillis());
        new ChaosBench().run(nodes, jobs, slots, Duration.ofSeconds(interval), seed);
        System.exit(0);
    }

    private void run(int nodes, int jobs, int slots, Duration interval, long seed) throws Exception {
        Path dir = Files.createTempDirectory("jobgrid-chaos-");
        Path marks = Files.createDirectories(dir.resolve("marks"));
        NetworkNamespaces lab = null;
        String why = "false".equals(System.getProperty("netns")) ? "turned off with -Dnetns=false"
                : NetworkNamespaces.whyNotUsable();
        if (why == null) {
            lab = NetworkNamespaces.create("jgc", nodes, 2);
        } else {
            System.err.println("chaos: *** NO NETWORK CUTS in this run: " + why + "; members on loopback, "
                    + "disruptions are SIGKILL and SIGSTOP only ***");
        }
        System.err.printf("chaos: %d nodes x %d slots, %d jobs, a disruption every %d s, seed %d; logs in %s%n",
                nodes, slots, jobs, interval.toSeconds(), seed, dir);
        try (ChaosMembers members = new ChaosMembers(nodes, slots, lab, dir)) {
            for (int i = 1; i <= nodes; i++) {
                members.launch(i);
            }
            if (!members.awaitWhole(Duration.ofSeconds(180))) {
                throw new IllegalStateException("the cluster did not form within 180 s; logs in " + dir);
            }
            try (MemberWatch watch = new MemberWatch(members)) {
                Random random = new Random(seed);
                double[] lengths = new double[jobs];
                List<String> ids = submit(members, jobs, marks, lengths, random);
                if (!members.awaitSafe(Duration.ofSeconds(120))) {
                    System.err.println("chaos: the cluster was not safe 120 s after the jobs were submitted");
                }
                Instant t0 = Instant.now();
                Disruptor disruptor = new Disruptor(members, lab, watch, interval, seed);
                Thread chaos = new Thread(disruptor, "disruptor");
                chaos.start();
                Duration limit = Duration.ofSeconds(Math.max(300, (long) (Arrays.stream(lengths).sum() / slots)));
                Map<String, JobView> records = awaitTerminal(members, ids, limit);
                disruptor.stop();
                chaos.join();
                double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
                members.awaitWhole(Duration.ofSeconds(120));
                records = fetch(members, ids); // the final word, after the last disruption has healed
                double ideal = Arrays.stream(lengths).sum() / (nodes * slots);
                ChaosReport report = new ChaosReport(ids, records, disruptor.disruptions(), watch.changes(), marks, dir);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bench", "chaos");
                out.put("nodes", nodes);
                out.put("slots", slots);
                out.put("netns", lab != null);
                out.put("seconds", Math.round(seconds * 10) / 10.0);
                out.putAll(report.figures());
                out.put("baseline", "ideal makespan, no disruption: job seconds / slots");
                out.put("baseline_s", Math.round(ideal * 10) / 10.0);
                out.put("ratio", Math.round(seconds / ideal * 100) / 100.0);
                report.printDetails(System.err);
                System.out.println(Json.write(out));
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** Submits every job before the chaos starts; an idempotency key makes a retried submit safe. */
    private List<String> submit(ChaosMembers members, int jobs, Path marks, double[] lengths, Random random)
            throws Exception {
        String run = Long.toString(ProcessHandle.current().pid());
        List<JobRequest> requests = new ArrayList<>();
        for (int k = 0; k < jobs; k++) {
            lengths[k] = random.nextInt(31) / 10.0;
            boolean failFirst = random.nextDouble() < FAIL_FIRST_SHARE;
            String mark = "\"$MARKS/$JOBGRID_JOB_ID\"";
            String shell = "echo start $JOBGRID_ATTEMPT >> " + mark + "; "
                    + (failFirst ? "[ \"$JOBGRID_ATTEMPT\" = 1 ] && exit 3; " : "")
                    + "sleep " + lengths[k] + "; echo end $JOBGRID_ATTEMPT >> " + mark;
            requests.add(new JobRequest(null, shell, Map.of("MARKS", marks.toString()), 60L, 3, null, "chaos-" + k,
                    "chaos-" + run + "-" + k, null, null, new JobRequest.Backoff(1.0, 2.0, 4.0)));
        }
        String[] ids = new String[jobs];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            running.add(pool.submit(() -> {
                int k;
                while ((k = next.getAndIncrement()) < jobs) {
                    ids[k] = submitOne(members, k, requests.get(k));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return List.of(ids);
    }

    /** Tries the members in turn, starting at the k-th; the idempotency key makes a retry safe. */
    private static String submitOne(ChaosMembers members, int k, JobRequest request) {
        JobgridClientException last = null;
        for (int tryNo = 0; tryNo < 3 * members.count(); tryNo++) {
            try {
                return members.client(1 + (k + tryNo) % members.count()).submit(request).id();
            } catch (JobgridClientException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Polls until every job is terminal or {@code limit} has passed; answers the last records seen. */
    private static Map<String, JobView> awaitTerminal(ChaosMembers members, List<String> ids, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        Map<String, JobView> records = Map.of();
        while (System.nanoTime() < until) {
            Map<String, JobView> seen = fetch(members, ids);
            records = seen;
            long open = ids.stream().filter(id -> !ChaosReport.terminal(seen.get(id))).count();
            if (open == 0) {
                return records;
            }
            System.err.printf("chaos: %d of %d jobs not terminal yet%n", open, ids.size());
            TimeUnit.SECONDS.sleep(5);
        }
        return records;
    }

    /** Every job's record, read from the first member that answers the whole list. */
    private static Map<String, JobView> fetch(ChaosMembers members, List<String> ids) {
        for (int i = 1; i <= members.count(); i++) {
            JobgridClient member = members.client(i);
            try {
                Map<String, JobView> byId = new ConcurrentHashMap<>();
                for (JobView j : member.jobs(new JobQuery(null, null, 10_000, null))) {
                    byId.put(j.id(), j);
                }
                for (String id : ids) {
                    if (!byId.containsKey(id)) {
                        one(member, id).ifPresent(j -> byId.put(id, j)); // not in the list: ask for it by id
                    }
                }
                return byId;
            } catch (JobgridClientException tryNext) {
                // this member is down, paused or cut off
            }
        }
        return Map.of();
    }

    private static Optional<JobView> one(JobgridClient member, String id) {
        try {
            return Optional.of(member.job(id));
        } catch (JobgridClientException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
