package io.jobgrid.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * N jobgrid nodes as separate JVM processes on loopback, started from the built node jar, for
 * benchmarks: on free ports and a cluster name of their own, so other clusters on this machine
 * (other benchmarks, a user's own) are neither disturbed nor joined. {@code -Dbench.nodeJvmArgs}
 * adds JVM options to every node ({@code {n}} becomes the node's number).
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
        int httpBase = freeRange(ThreadLocalRandom.current().nextInt(40_000, 44_000), nodes);
        int memberBase = freeRange(ThreadLocalRandom.current().nextInt(45_000, 49_000), nodes);
        String cluster = "jobgrid-bench-" + ProcessHandle.current().pid();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add("127.0.0.1:" + (memberBase + i));
        }
        for (int i = 1; i <= nodes; i++) {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap, "-XX:+UseParallelGC"));
            String jvmArgs = System.getProperty("bench.nodeJvmArgs", "").replace("{n}", Integer.toString(i));
            if (!jvmArgs.isBlank()) {
                cmd.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "node", "--name", "bench-" + i,
                    "--http-port", Integer.toString(httpBase + i - 1), "--member-port", Integer.toString(memberBase + i - 1),
                    "--members", String.join(",", members), "--cluster-name", cluster,
                    "--slots", Integer.toString(slots)));
            cmd.addAll(List.of(extraArgs));
            c.processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("bench-" + i + ".log").toFile()).start());
            c.urls.add("http://127.0.0.1:" + (httpBase + i - 1));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        c.awaitReady(nodes, Duration.ofSeconds(300), logs);
        System.err.println("cluster of " + nodes + " up; logs in " + logs);
        return c;
    }

    public List<String> urls() {
        return urls;
    }

    public List<Process> processes() {
        return processes;
    }

    private void awaitReady(int nodes, Duration within, Path logs) throws Exception {
        Instant until = Instant.now().plus(within);
        for (int i = 0; i < urls.size(); i++) {
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(urls.get(i) + "/api/v1/nodes"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().split("\"name\"").length - 1 == nodes) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!processes.get(i).isAlive() || Instant.now().isAfter(until)) {
                    throw new IllegalStateException("node " + urls.get(i) + " not ready; logs in " + logs);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static int freeRange(int from, int count) {
        for (int base = from; base + count < 65535; base += count) {
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException busy) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free ports above " + from);
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

    /** SIGTERM (nodes write pending history and leave), SIGKILL what is left after a minute. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
