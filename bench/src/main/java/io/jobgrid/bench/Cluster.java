package io.jobgrid.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Local member processes for a benchmark: started with the given main class, one log file each,
 * killed on close. Ready when every node answers /health with 200.
 */
final class Cluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    final List<String> urls = new ArrayList<>();
    private final Path logs;

    Cluster(int nodes, String nodeMain, String heap, int httpBase, int memberBase) throws IOException {
        logs = Files.createTempDirectory("jobgrid-bench-");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cluster = "jobgrid-bench-" + ProcessHandle.current().pid();
        for (int i = 0; i < nodes; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseParallelGC",
                    "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=none",
                    "-Dhazelcast.cluster.name=" + cluster,
                    "-cp", System.getProperty("java.class.path"), nodeMain));
            if (nodeMain.endsWith(".Main")) {
                cmd.add("node");
            }
            cmd.addAll(List.of("--name", "n" + (i + 1), "--http-port", String.valueOf(httpBase + i),
                    "--member-port", String.valueOf(memberBase + i), "--slots", "2"));
            if (!nodeMain.endsWith(".Main")) {
                cmd.addAll(List.of("--members", String.valueOf(nodes), "--base-member-port", String.valueOf(memberBase),
                        "--cluster", cluster));
            }
            File log = logs.resolve("n" + (i + 1) + ".log").toFile();
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start());
            urls.add("http://127.0.0.1:" + (httpBase + i));
        }
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            while (!healthy(http, url)) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("node " + url + " exited; logs in " + logs);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + url + " not healthy after " + timeout + "; logs in " + logs);
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean healthy(HttpClient http, String url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
    }
}
