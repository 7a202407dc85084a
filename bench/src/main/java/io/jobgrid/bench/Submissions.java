package io.jobgrid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmarks' shared load: bursts of job submissions over REST, and counting what finished. */
final class Submissions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FINISHED = Pattern.compile(
            "jobgrid_jobs_finished_total\\{[^}]*state=\"(\\w+)\"[^}]*} ([0-9.eE+]+)");

    private Submissions() {
    }

    /** Submits {@code n} jobs of {@code body} round-robin over the nodes from {@code threads} clients; their ids. */
    static List<String> burst(HttpClient http, List<String> urls, int n, int threads, String body) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    ids.add(submit(http, urls.get(i % urls.size()), body));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return ids;
    }

    static String submit(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Jobs finished in any state, summed over every node's /metrics. */
    static double finished(HttpClient http, List<String> urls) throws Exception {
        double sum = 0;
        for (String url : urls) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = FINISHED.matcher(metrics);
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
