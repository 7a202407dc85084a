package io.jobgrid.bench;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.ScheduleFire;
import io.jobgrid.client.Json;
import io.jobgrid.history.JdbcJobArchive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bin/bench history-paging}: what a page of the job listing costs in the embedded history
 * (H2) when it holds 100,000 finished jobs, against the first page of a store of 100 (the baseline,
 * same run): the first page and a deep one (its cursor 200 jobs above the oldest), unfiltered, by
 * state, with a name search, in a time window of the newest 1,000 jobs, and by the schedule that fired
 * one job in ten. Keyset paging reads the
 * index from the cursor, so every {@code ratio} (large / small, median of each) should be near 1;
 * an OFFSET would make the deep page cost about a thousand times the baseline. {@code window_last}
 * is a time window's last page, part full: read along the id index, it goes on below the window to
 * the oldest job; the plan printed says which index the database chose.
 */
public final class HistoryPagingBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int ROUNDS = Integer.getInteger("rounds", 300);
    private static final int LIMIT = 100;
    private static final int WINDOW = 1_000;

    public static void main(String[] args) throws Exception {
        int small = Integer.getInteger("small", 100);
        int large = Integer.getInteger("large", 100_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "history-paging");
        out.put("small_jobs", small);
        out.put("large_jobs", large);
        out.put("page_size", LIMIT);
        measure(small); // warms the JIT up, so that the baseline is not the first code to run
        Map<String, double[]> smallMs = measure(small);
        Map<String, double[]> largeMs = measure(large);
        for (String kind : largeMs.keySet()) {
            // a schedule's jobs are one in ten: the small store holds 10 of them, not a page; its baseline
            // is the first page of every job (a full page, as the large store's schedule page is)
            String baseline = kind.startsWith("schedule") ? "all_first"
                    : kind.replace("_deep", "_first").replace("window_last", "window_first");
            double s = median(smallMs.get(baseline));
            double l = median(largeMs.get(kind));
            out.put(kind + "_small_first_ms", round(s));
            out.put(kind + "_large_ms", round(l));
            out.put(kind + "_ratio", round(l / s));
            System.err.printf("%-22s first page of %d jobs: %7.3f ms   of %d jobs: %7.3f ms   ratio %.2f%n", kind, small, s,
                    large, l, l / s);
        }
        System.out.println(Json.write(out));
    }

    /** Median milliseconds per kind of page in a fresh store of {@code jobs} finished jobs. */
    private static Map<String, double[]> measure(int jobs) throws Exception {
        Path dir = Files.createTempDirectory("jobgrid-history-paging");
        try (JdbcJobArchive archive = JdbcJobArchive.open(JdbcJobArchive.h2Url(dir), null, null)) {
            List<JobRecord> batch = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                batch.add(record(i));
                if (batch.size() == 5_000 || i == jobs - 1) {
                    archive.storeJobs(batch);
                    batch.clear();
                }
            }
            boolean deepPages = jobs > WINDOW * 2;
            // the last WINDOW seconds (of the large store: its newest jobs, as a "last 20 minutes" would be)
            Instant from = T0.plusSeconds(Math.max(0, jobs - WINDOW));
            Map<String, Function<JobId, JobQuery>> kinds = new LinkedHashMap<>();
            kinds.put("all", c -> new JobQuery(null, null, LIMIT, c));
            kinds.put("succeeded", c -> new JobQuery(JobState.SUCCEEDED, null, LIMIT, c));
            kinds.put("name", c -> new JobQuery(null, null, "step", null, null, LIMIT, c));
            kinds.put("window", c -> new JobQuery(null, null, null, from, null, LIMIT, c));
            kinds.put("schedule", c -> new JobQuery(null, null, LIMIT, c).firedBy("hourly"));
            // H2 answers a statement run again with the same parameters from its last result (while
            // the table is unchanged), so every round asks with another cursor: above the newest job
            // for a first page, some way above the oldest for a deep one
            Map<String, Function<Integer, JobId>> cursors = new LinkedHashMap<>();
            cursors.put("first", r -> JobId.of(1_000 + jobs + r));
            if (deepPages) {
                cursors.put("deep", r -> JobId.of(1_000 + LIMIT * 2 + r));
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, Function<JobId, JobQuery>> k : kinds.entrySet()) {
                for (Map.Entry<String, Function<Integer, JobId>> c : cursors.entrySet()) {
                    String kind = k.getKey().equals("window") && c.getKey().equals("deep") ? "window_last"
                            : k.getKey() + "_" + c.getKey();
                    // a window's deep page is its last one: 50 to 89 jobs left in it, then nothing newer
                    Function<Integer, JobId> cursor = !kind.equals("window_last") ? c.getValue()
                            : r -> JobId.of(1_000 + jobs - WINDOW + 50 + r % 40);
                    out.put(kind, time(archive, r -> k.getValue().apply(cursor.apply(r))));
                    if (deepPages && c.getKey().equals("deep")) {
                        System.err.println("plan of " + kind + " at " + jobs + " jobs: "
                                + archive.explain(k.getValue().apply(cursor.apply(0))).replaceAll("\\s+", " "));
                    }
                }
            }
            return out;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Milliseconds of each of ROUNDS reads, after a third as many to warm up; round r reads {@code query.apply(r)}. */
    private static double[] time(JdbcJobArchive archive, Function<Integer, JobQuery> query) {
        int warmup = ROUNDS / 3;
        double[] ms = new double[ROUNDS];
        for (int i = -warmup; i < ROUNDS; i++) {
            JobQuery q = query.apply(i + warmup);
            long start = System.nanoTime();
            int n = archive.page(q).size();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            if (n == 0) {
                throw new IllegalStateException("an empty page for " + q);
            }
        }
        return ms;
    }

    /**
     * Job {@code i}: created i seconds after T0; nine in ten named "etl step", every 7th failed; one in ten
     * (not the reports) fired by the schedule "hourly".
     */
    private static JobRecord record(int i) {
        Instant created = T0.plusSeconds(i);
        JobSpec spec = JobSpec.builder().shell("true").name(i % 10 == 0 ? "report " + i : "etl step " + i)
                .idempotencyKey(i % 10 == 5 ? ScheduleFire.key("hourly", created) : null).build();
        JobRecord running = JobRecord.submitted(JobId.of(1_000 + i), spec, created).started("node-" + i % 3,
                "member", created.plusMillis(10));
        return i % 7 == 0 ? running.finished(JobState.FAILED, 1, "exit 1", created.plusMillis(500))
                : running.finished(JobState.SUCCEEDED, 0, null, created.plusMillis(500));
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
