package io.jobgrid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code bin/bench metrics-scrape}: how long {@code GET /metrics} takes on a node of a 3-node
 * local cluster holding 10,000 jobs, against the same scrape of the same node while the grid is
 * empty (the baseline, same run). The jobs wait in the queue (their constraint matches no node),
 * the worst case for the per-state gauges, which count live records through the state index.
 */
public final class MetricsScrapeBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(System.getProperty("jobs", "10000"));
        int nodes = Integer.parseInt(System.getProperty("nodes", "3"));
        int scrapes = Integer.parseInt(System.getProperty("scrapes", "200"));
        new MetricsScrapeBench().run(nodes, jobs, scrapes);
        System.exit(0);
    }

    private void run(int nodes, int jobs, int scrapes) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(nodes, 2, "768m")) {
            String url = cluster.urls().get(0);
            timeScrapes(url, scrapes); // warm-up: JIT, connections
            double[] empty = timeScrapes(url, scrapes);
            submit(cluster.urls(), jobs);
            timeScrapes(url, scrapes / 4);
            double[] full = timeScrapes(url, scrapes);
            String text = get(url + "/metrics");
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
            System.out.println(JSON.writeValueAsString(out));
        }
    }

    /** Scrapes {@code n} times one after another; returns p50, p99 and max in ms. */
    private double[] timeScrapes(String url, int n) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String body = get(url + "/metrics");
            ms.add((System.nanoTime() - t0) / 1e6);
            if (!body.contains("jobgrid_jobs_owned")) {
                throw new IllegalStateException("scrape lacks the job gauges: " + body.substring(0, 200));
            }
        }
        Collections.sort(ms);
        return new double[]{pct(ms, 0.50), pct(ms, 0.99), ms.get(ms.size() - 1)};
    }

    /** Submits jobs that stay QUEUED (no node has the tag they need), spread over the nodes. */
    private void submit(List<String> urls, int n) throws Exception {
        Submissions.burst(http, urls, n, 16, "{\"command\":[\"/bin/true\"],\"constraints\":{\"pool\":\"nowhere\"}}");
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
