package io.jobgrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bench dag}: a layered DAG of {@code true} jobs (default 100 layers of 100, each job
 * after 3 of the layer above) on a 3-node cluster: time to accept the submission, time to finish,
 * and the per-edge release overhead (a child's queuedAt minus its last parent's finishedAt).
 * Baseline in the same run: the same number of independent jobs, submitted as one flat DAG.
 * Then a wide fan-in (1 job after 5,000 parents) and a deep chain (1,000 long) must both finish.
 */
public final class DagBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String url;

    public static void main(String[] args) throws Exception {
        int layers = Integer.getInteger("layers", 100);
        int width = Integer.getInteger("width", 100);
        int fanIn = Integer.getInteger("fanIn", 5000);
        int chain = Integer.getInteger("chain", 1000);
        new DagBench().run(layers, width, fanIn, chain);
        System.exit(0);
    }

    private void run(int layers, int width, int fanIn, int chain) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3, Runtime.getRuntime().availableProcessors() * 2, "1g")) {
            url = cluster.urls().get(0);
            runDag(flat(1000), "warm-up");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bench", "dag");
            out.put("nodes", 3);
            int jobs = layers * width;
            Result flat = runDag(flat(jobs), "flat");
            Result layered = runDag(layered(layers, width, 3), "layered");
            List<Long> release = releaseLatencies(layered.ids());
            out.put("jobs", jobs);
            out.put("edges", (layers - 1) * width * 3);
            out.put("submit_s", layered.submitSeconds());
            out.put("done_s", layered.doneSeconds());
            out.put("jobs_per_s", round(jobs / layered.doneSeconds()));
            out.put("release_ms_p50", pct(release, 0.5));
            out.put("release_ms_p99", pct(release, 0.99));
            out.put("baseline", "the same number of independent jobs, submitted in one request");
            out.put("baseline_submit_s", flat.submitSeconds());
            out.put("baseline_jobs_per_s", round(jobs / flat.doneSeconds()));
            out.put("ratio", round(flat.doneSeconds() / layered.doneSeconds()));
            out.put("fan_in_" + fanIn + "_done_s", runDag(fanIn(fanIn), "fan-in").doneSeconds());
            out.put("chain_" + chain + "_done_s", runDag(chain(chain), "chain").doneSeconds());
            System.out.println(JSON.writeValueAsString(out));
        }
    }

    private record Result(Map<String, String> ids, double submitSeconds, double doneSeconds) {
    }

    private Result runDag(ObjectNode dag, String label) throws Exception {
        String lastKey = dag.remove("last").asText();
        Instant t0 = Instant.now();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/dags"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(dag))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(label + ": " + r.statusCode() + " " + r.body());
        }
        double submit = seconds(t0);
        Map<String, String> ids = new HashMap<>();
        JSON.readTree(r.body()).get("ids").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
        String last = ids.get(lastKey);
        awaitTerminalDag(last);
        double done = seconds(t0);
        System.err.printf("%s: %d jobs submitted in %.2fs, done in %.2fs%n", label, ids.size(), submit, done);
        return new Result(ids, submit, done);
    }

    /** Waits until the DAG walked from {@code id} is complete (every job terminal). */
    private void awaitTerminalDag(String id) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(get("/api/v1/jobs/" + id));
            String state = job.get("state").asText();
            if (!state.equals("WAITING") && !state.equals("QUEUED") && !state.equals("RUNNING")) {
                if (!state.equals("SUCCEEDED")) {
                    throw new IllegalStateException("job " + id + " ended " + state + ": " + job.get("error"));
                }
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private List<Long> releaseLatencies(Map<String, String> ids) throws Exception {
        List<Long> out = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (String id : ids.values()) {
            byId.put(id, JSON.readTree(get("/api/v1/jobs/" + id)));
        }
        for (JsonNode job : byId.values()) {
            Instant lastParent = null;
            for (JsonNode p : job.get("parents")) {
                Instant f = Instant.parse(byId.get(p.asText()).get("finishedAt").asText());
                lastParent = lastParent == null || f.isAfter(lastParent) ? f : lastParent;
            }
            if (lastParent != null) {
                out.add(Duration.between(lastParent, Instant.parse(job.get("queuedAt").asText())).toMillis());
            }
        }
        Collections.sort(out);
        return out;
    }

    private static ObjectNode dag(List<ObjectNode> jobs, String last) {
        ObjectNode dag = JSON.createObjectNode();
        ArrayNode array = dag.putArray("jobs");
        jobs.forEach(array::add);
        dag.put("last", last); // read back by runDag; removed before sending
        return dag;
    }

    private static ObjectNode job(String key, List<String> after) {
        ObjectNode j = JSON.createObjectNode().put("key", key);
        j.putObject("spec").put("shell", "true");
        ArrayNode a = j.putArray("after");
        after.forEach(a::add);
        return j;
    }

    /** Independent jobs plus one final job after all of them, so "done" is one id to watch. */
    private static ObjectNode flat(int n) {
        List<ObjectNode> jobs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            jobs.add(job("f" + i, List.of()));
            keys.add("f" + i);
        }
        jobs.add(job("end", keys));
        return dag(jobs, "end");
    }

    private static ObjectNode layered(int layers, int width, int parents) {
        Random random = new Random(42);
        List<ObjectNode> jobs = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int w = 0; w < width; w++) {
                List<String> after = new ArrayList<>();
                while (l > 0 && after.size() < Math.min(parents, width)) {
                    String p = "l" + (l - 1) + "-" + random.nextInt(width);
                    if (!after.contains(p)) {
                        after.add(p);
                    }
                }
                jobs.add(job("l" + l + "-" + w, after));
            }
        }
        List<String> lastLayer = new ArrayList<>();
        for (int w = 0; w < width; w++) {
            lastLayer.add("l" + (layers - 1) + "-" + w);
        }
        jobs.add(job("end", lastLayer));
        return dag(jobs, "end");
    }

    private static ObjectNode fanIn(int parents) {
        return flat(parents + 1);
    }

    private static ObjectNode chain(int n) {
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(job("c" + i, i == 0 ? List.of() : List.of("c" + (i - 1))));
        }
        return dag(jobs, "c" + (n - 1));
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double seconds(Instant t0) {
        return round(Duration.between(t0, Instant.now()).toNanos() / 1e9);
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
