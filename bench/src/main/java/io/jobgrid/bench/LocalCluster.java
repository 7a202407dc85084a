package io.jobgrid.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N jobgrid nodes as separate JVM processes on loopback, started from the built node jar, for
 * benchmarks. Ports are offset from the defaults so a user's own cluster is not disturbed.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public static LocalCluster start(int nodes, int slots, String heap, String... extraArgs) throws Exception {
        LocalCluster c = new LocalCluster();
        Path jar = Path.of(System.getProperty("jobgrid.root", ".")).resolve("node/target/jobgrid-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the node first: " + jar + " is missing");
        }
        Path logs = Files.createTempDirectory("jobgrid-bench-");
        for (int i = 1; i <= nodes; i++) {
            int http = 18080 + i;
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap, "-XX:+UseParallelGC"));
            String jvmArgs = System.getProperty("bench.nodeJvmArgs", "").replace("{n}", Integer.toString(i));
            if (!jvmArgs.isBlank()) {
                cmd.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "node", "--name", "bench-" + i, "--http-port", Integer.toString(http),
                    "--member-port", "15701", "--members", "127.0.0.1:15701,127.0.0.1:15702,127.0.0.1:15703",
                    "--cluster-name", "jobgrid-bench", "--slots", Integer.toString(slots)));
            cmd.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("bench-" + i + ".log").toFile()).start();
            c.processes.add(p);
            c.urls.add("http://127.0.0.1:" + http);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        c.awaitReady(nodes, Duration.ofSeconds(120));
        System.err.println("cluster of " + nodes + " up; logs in " + logs);
        return c;
    }

    public List<String> urls() {
        return urls;
    }

    public List<Process> processes() {
        return processes;
    }

    private void awaitReady(int nodes, Duration within) throws Exception {
        Instant until = Instant.now().plus(within);
        for (String url : urls) {
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/nodes")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().split("\"name\"").length - 1 == nodes) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException("cluster not ready within " + within);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** CPU seconds (user + system) the node JVMs have used so far, from /proc; children not included. */
    public double cpuSeconds() {
        double total = 0;
        for (Process p : processes) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return total;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
