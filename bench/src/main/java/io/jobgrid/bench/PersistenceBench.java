package io.jobgrid.bench;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import io.jobgrid.client.NodeView;
import io.jobgrid.history.JdbcJobArchive;
import io.jobgrid.history.JobArchive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench persistence}: what durable history costs and what it buys, on 3 local node
 * processes with the embedded store.
 * <ol>
 *   <li>Shell throughput (as shell-throughput: {@code true} jobs over REST, first submit to last
 *       finish) with persistence off, then on, alternating {@code -Drounds} times (default 2),
 *       each on a fresh cluster, the faster of each side kept; {@code ratio} = on / off, target at
 *       least 0.8.</li>
 *   <li>Restart: 100,000 jobs stored (a tenth unfinished: half QUEUED, half RUNNING on members
 *       that are gone); {@code restart_s} from starting the processes until every node is healthy
 *       and both an old finished job and an unfinished one answer; target under 30 s.</li>
 *   <li>History: 1,000,000 finished jobs stored; heap used per member after a full GC (target
 *       under 1 GiB) and the time of {@code GET /api/v1/jobs/ID} for random old jobs (target under
 *       100 ms).</li>
 * </ol>
 * The stored jobs of 2 and 3 are written straight into the store, as a long-running cluster
 * would have left them; running them for real would take hours.
 */
public final class PersistenceBench {
    private static final long OLD_IDS = 1L << 40; // far below any id the grid hands out now, so "older"

    public static void main(String[] args) throws Exception {
        new PersistenceBench().run(Integer.getInteger("nodes", 3), Integer.getInteger("jobs", 3000),
                Integer.getInteger("stored", 100_000), Integer.getInteger("history", 1_000_000));
        System.exit(0);
    }

    private void run(int nodes, int jobs, int stored, int history) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "persistence");
        out.put("nodes", nodes);
        out.put("jobs", jobs);
        String parts = System.getProperty("parts", "throughput,restart,history");
        if (parts.contains("throughput")) {
            // -Drounds=N (default 2): off and on alternate N times on fresh clusters, the faster of
            // each kept; one cold burst per side read 0.73 to 1.04 for the same code
            double off = 0;
            double on = 0;
            for (int round = 1; round <= Integer.getInteger("rounds", 2); round++) {
                off = Math.max(off, throughput(nodes, jobs, null));
                on = Math.max(on, throughput(nodes, jobs, Files.createTempDirectory("jobgrid-bench-store-")));
            }
            out.put("baseline", "the same cluster with persistence off");
            out.put("baseline_per_s", round(off));
            out.put("jobs_per_s", round(on));
            out.put("ratio", round(on / off));
        }
        if (parts.contains("restart")) {
            restart(nodes, stored, out);
        }
        if (parts.contains("history")) {
            history(nodes, history, out);
        }
        System.out.println(Json.write(out));
    }

    /** Jobs per second for {@code jobs} {@code true} jobs; persistence on when {@code dataDir} is given. */
    private double throughput(int nodes, int jobs, Path dataDir) throws Exception {
        String[] args = dataDir == null ? new String[0] : new String[]{"--data-dir", dataDir.toString()};
        try (LocalCluster cluster = LocalCluster.start(nodes, Runtime.getRuntime().availableProcessors() * 2, "768m",
                args)) {
            List<JobgridClient> clients = cluster.clients();
            Submissions.burst(clients, Integer.getInteger("warmup", 2000), 16, Submissions.TRUE);
            awaitFinished(clients, Integer.getInteger("warmup", 2000));
            double before = Submissions.finished(clients);
            Instant t0 = Instant.now();
            Submissions.burst(clients, jobs, 16, Submissions.TRUE);
            while (Submissions.finished(clients) - before < jobs) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            double perSecond = jobs / (Duration.between(t0, Instant.now()).toNanos() / 1e9);
            System.err.printf("persistence %s: %.0f jobs/s%n", dataDir == null ? "off" : "on", perSecond);
            return perSecond;
        }
    }

    private void restart(int nodes, int stored, Map<String, Object> out) throws Exception {
        Path dir = Files.createTempDirectory("jobgrid-bench-restart-");
        int unfinished = stored / 10;
        List<JobId> ids = seed(dir, stored, unfinished);
        JobId oldFinished = ids.get(stored - 1);
        JobId queued = ids.get(0);
        Instant t0 = Instant.now();
        try (LocalCluster cluster = LocalCluster.start(nodes, 2, "768m", "--data-dir", dir.toString())) {
            JobgridClient node = cluster.clients().get(0);
            awaitFound(node, oldFinished.value());
            awaitFound(node, queued.value());
            double seconds = Duration.between(t0, Instant.now()).toNanos() / 1e9;
            JobView lost = node.job(ids.get(1).value());
            System.err.printf("restart of %d stored jobs (%d unfinished): %.1f s; a lost RUNNING job is now %s at "
                    + "attempt %d%n", stored, unfinished, seconds, lost.state(), lost.attempt());
            out.put("stored_jobs", stored);
            out.put("stored_unfinished", unfinished);
            out.put("restart_s", round(seconds));
        }
    }

    private void history(int nodes, int history, Map<String, Object> out) throws Exception {
        Path dir = Files.createTempDirectory("jobgrid-bench-history-");
        List<JobId> ids = seed(dir, history, 0);
        try (LocalCluster cluster = LocalCluster.start(nodes, 2, "1g", "--data-dir", dir.toString())) {
            List<JobgridClient> clients = cluster.clients();
            Random random = new Random(42);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                JobId id = ids.get(random.nextInt(ids.size()));
                long start = System.nanoTime();
                clients.get(i % clients.size()).job(id.value()); // a job the node does not find is an exception
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            long pageStart = System.nanoTime();
            String page = clients.get(0).jobsJson(new JobQuery(null, null, 100, ids.get(history / 2).value())).toString();
            long pageMs = (System.nanoTime() - pageStart) / 1_000_000;
            Collections.sort(millis);
            long heap = maxHeapAfterGc(cluster);
            System.err.printf("history of %d finished jobs: lookup median %d ms, p99 %d ms, max %d ms; page of 100 in "
                    + "%d ms (%d bytes); heap after GC (largest member) %d MiB%n", history, pct(millis, 0.5),
                    pct(millis, 0.99), millis.get(millis.size() - 1), pageMs, page.length(), heap >> 20);
            out.put("history_jobs", history);
            out.put("history_heap_mib_max", heap >> 20);
            out.put("old_lookup_median_ms", pct(millis, 0.5));
            out.put("old_lookup_p99_ms", pct(millis, 0.99));
            out.put("old_lookup_max_ms", millis.get(millis.size() - 1));
            out.put("history_page_ms", pageMs);
        }
    }

    /** Heap used by the largest member after a full GC, from /api/v1/nodes once they have republished. */
    private long maxHeapAfterGc(LocalCluster cluster) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (Process p : cluster.processes()) {
            new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        }
        TimeUnit.MILLISECONDS.sleep(2500); // nodes publish their load once a second
        long max = 0;
        for (NodeView n : cluster.clients().get(0).nodes()) {
            max = Math.max(max, n.heapUsedBytes());
        }
        return max;
    }

    /**
     * Writes {@code count} jobs into the store of {@code dir}, finished a day ago except the first
     * {@code unfinished} (even ones QUEUED, odd ones RUNNING on a member that no longer exists).
     */
    static List<JobId> seed(Path dir, int count, int unfinished) {
        long start = System.nanoTime();
        Instant when = Instant.now().minus(Duration.ofDays(1));
        JobSpec spec = JobSpec.shell("true");
        List<JobId> ids = new ArrayList<>(count);
        try (JobArchive archive = JdbcJobArchive.open(JdbcJobArchive.h2Url(dir), null, null)) {
            List<JobRecord> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JobId id = JobId.of(OLD_IDS + count - i);
                ids.add(id);
                JobRecord queued = JobRecord.submitted(id, spec, when);
                JobRecord r = i >= unfinished ? queued.started("bench-1", "gone", when).finished(JobState.SUCCEEDED, 0,
                        null, when.plusMillis(5)) : i % 2 == 0 ? queued : queued.started("bench-1", "gone", when);
                batch.add(r);
                if (batch.size() == 5000) {
                    archive.storeJobs(batch);
                    batch.clear();
                }
            }
            archive.storeJobs(batch);
        }
        System.err.printf("seeded %d jobs (%d unfinished) in %.1f s%n", count, unfinished, (System.nanoTime() - start) / 1e9);
        return ids;
    }

    private static void awaitFinished(List<JobgridClient> clients, int n) throws InterruptedException {
        while (Submissions.finished(clients) < n) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Waits until the node finds job {@code id} (its history may still be loading). */
    private static void awaitFound(JobgridClient node, String id) throws InterruptedException {
        while (true) {
            try {
                node.job(id);
                return;
            } catch (JobgridClientException e) {
                if (e.status() != 404 && e.status() != 503) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
