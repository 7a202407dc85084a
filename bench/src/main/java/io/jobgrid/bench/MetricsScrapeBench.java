package io.jobgrid.bench;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench metrics-scrape}: how long {@code GET /metrics} takes on a node of a 3-node
 * local cluster holding 10,000 jobs, against the same scrape of the same node while the grid is
 * empty (the baseline, same run). The jobs wait in the queue (their constraint matches no node),
 * the worst case for the per-state gauges, which count live records through the state index.
 */
public final class MetricsScrapeBench {
    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(System.getProperty("jobs", "10000"));
        int nodes = Integer.parseInt(System.getProperty("nodes", "3"));
        int scrapes = Integer.parseInt(System.getProperty("scrapes", "200"));
        new MetricsScrapeBench().run(nodes, jobs, scrapes);
        System.exit(0);
    }

    private void run(int nodes, int jobs, int scrapes) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(nodes, 2, "768m")) {
            JobgridClient node = cluster.clients().get(0);
            timeScrapes(node, scrapes); // warm-up: JIT, connections
            double[] empty = timeScrapes(node, scrapes);
            // jobs that stay QUEUED (no node has the tag they need), spread over the nodes
            Submissions.burst(cluster.clients(), jobs, 16,
                    Submissions.constrained(Map.of("pool", "nowhere"), "/bin/true"));
            timeScrapes(node, scrapes / 4);
            double[] full = timeScrapes(node, scrapes);
            String text = node.metrics();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bench", "metrics-scrape");
            out.put("nodes", nodes);
            out.put("jobs", jobs);
            out.put("scrapes", scrapes);
            out.put("scrape_bytes", text.length());
            out.put("p50_ms", round(full[0]));
            out.put("p99_ms", round(full[1]));
            out.put("max_ms", round(full[2]));
            out.put("target_ms", 50);
            out.put("baseline", "same node, same run, empty grid");
            out.put("baseline_p50_ms", round(empty[0]));
            out.put("baseline_p99_ms", round(empty[1]));
            out.put("ratio_p50", round(full[0] / empty[0]));
            System.out.println(Json.write(out));
        }
    }

    /** Scrapes {@code n} times one after another; returns p50, p99 and max in ms. */
    private static double[] timeScrapes(JobgridClient node, int n) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String body = node.metrics();
            ms.add((System.nanoTime() - t0) / 1e6);
            if (!body.contains("jobgrid_jobs_owned")) {
                throw new IllegalStateException("scrape lacks the job gauges: " + body.substring(0, 200));
            }
        }
        Collections.sort(ms);
        return new double[]{pct(ms, 0.50), pct(ms, 0.99), ms.get(ms.size() - 1)};
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
