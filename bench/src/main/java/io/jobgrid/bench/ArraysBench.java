package io.jobgrid.bench;

import io.jobgrid.client.ArraySubmitted;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench arrays}: job arrays and the state summary on a 3-node cluster.
 *
 * <p>Acceptance: the time to store and queue an array of 10,000 jobs ({@code POST /api/v1/jobs}
 * with {@code "array": {"count": 10000}}), against the baseline of the same 10,000 specs in one
 * {@code POST /api/v1/jobs/batch}, alternated, median of five each. The jobs carry a constraint no
 * node has, so they stay QUEUED and running them does not load the machine while it is measured.
 *
 * <p>Summary: with 100,000 records in the grid, the time of {@code GET /api/v1/jobs/summary}
 * (each node's kept counts, added up) against the baseline of {@code GET /api/v1/jobs?state=QUEUED&limit=1},
 * which has every node read every record it owns; median of 20 and of 5. Then the time to cancel
 * a whole array of 10,000. The load average is printed before and after: on a shared machine the
 * figures mean little without it.
 */
public final class ArraysBench {
    private static final JobRequest PARKED = new JobRequest(null, "true", null, null, null,
            Map.of("bench", "never-matches"), null, null, null, null, null);

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("count", 10_000);
        int total = Integer.getInteger("records", 100_000);
        new ArraysBench().run(count, total);
        System.exit(0);
    }

    private void run(int count, int total) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3, 2, "1g")) {
            JobgridClient node = cluster.clients().get(0);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bench", "arrays");
            out.put("nodes", 3);
            out.put("load_before", loadAverage());
            List<JobRequest> batch = Collections.nCopies(count, PARKED);
            node.submitArray(PARKED, 1_000); // warm-up of both paths
            node.submitBatch(Collections.nCopies(1_000, PARKED));
            int stored = 2_000;
            List<Double> arrays = new ArrayList<>();
            List<Double> batches = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                node.submitBatch(batch);
                batches.add(seconds(t0));
                t0 = System.nanoTime();
                ArraySubmitted made = node.submitArray(PARKED, count);
                arrays.add(seconds(t0));
                stored += 2 * count;
                System.err.printf("round %d: batch of %d %.3fs, array of %d %.3fs (%s)%n", round, count,
                        batches.get(round), made.ids().size(), arrays.get(round), loadAverage());
            }
            out.put("array_jobs", count);
            out.put("array_accept_s_median", median(arrays));
            out.put("array_accept_s_max", Collections.max(arrays));
            out.put("baseline", "the same specs in one POST /api/v1/jobs/batch, alternated");
            out.put("baseline_batch_s_median", median(batches));
            out.put("ratio", round(median(batches) / median(arrays)));
            while (stored < total) {
                node.submitArray(PARKED, Math.min(count, total - stored));
                stored += Math.min(count, total - stored);
            }
            summary(node, stored, out);
            ArraySubmitted doomed = node.submitArray(PARKED, count);
            long t0 = System.nanoTime();
            int cancelled = node.cancelArray(doomed.id()).cancelled();
            out.put("cancel_array_s", seconds(t0));
            out.put("cancelled", cancelled);
            out.put("load_after", loadAverage());
            System.out.println(Json.write(out));
        }
    }

    /** The summary's time against a query that reads every record, with {@code stored} records queued. */
    private static void summary(JobgridClient node, int stored, Map<String, Object> out) {
        Map<String, Long> counts = node.summary();
        if (counts.get("QUEUED") != stored) {
            throw new IllegalStateException("the summary counts " + counts.get("QUEUED") + " QUEUED, but " + stored
                    + " jobs were stored");
        }
        List<Double> summaries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            node.summary();
            summaries.add(seconds(t0));
        }
        List<Double> scans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            node.jobs(JobQuery.inState("QUEUED", 1));
            scans.add(seconds(t0));
        }
        out.put("records", stored);
        out.put("summary_ms_median", round(median(summaries) * 1000));
        out.put("summary_baseline", "GET /api/v1/jobs?state=QUEUED&limit=1 (every record read)");
        out.put("summary_baseline_ms_median", round(median(scans) * 1000));
        out.put("summary_ratio", round(median(scans) / median(summaries)));
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return round(sorted.get(sorted.size() / 2));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
