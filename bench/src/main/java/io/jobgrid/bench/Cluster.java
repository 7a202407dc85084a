package io.jobgrid.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real jobgrid nodes for the vector benchmark: {@code java -jar node/target/jobgrid-node.jar node}
 * processes started like {@code bin/jobgrid up} starts them (the same JVM flags), on free ports and
 * a cluster name of their own, so a cluster someone else runs on this machine is left alone. One log
 * file each; stopped on close. Ready when every node answers /health with 200 and lists every node.
 */
final class Cluster implements AutoCloseable {
    /**
     * What bin/jobgrid gives a node: Hazelcast's recommended opens/exports (without them it falls
     * back to slower paths and warns), and 2 MiB G1 regions so a 512 KiB chunk is not a humongous
     * object (with the 1 MiB regions G1 picks for heaps under 4 GiB each chunk would take a region).
     */
    static final List<String> NODE_JVM_FLAGS = List.of("-Dhazelcast.phone.home.enabled=false",
            "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-XX:G1HeapRegionSize=2m");

    private final List<Process> processes = new ArrayList<>();
    final List<String> urls = new ArrayList<>();
    private final Path logs;

    /** {@code extraJvm} is split on spaces; {@code {n}} in it becomes the node's number (for JFR files). */
    Cluster(int nodes, String heap, String extraJvm) throws IOException {
        Path root = Path.of(System.getProperty("jobgrid.root", "."));
        Path jar = root.resolve("node/target/jobgrid-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the node first: " + jar + " is missing (bin/bench builds it)");
        }
        logs = Files.createTempDirectory("jobgrid-bench-vectors-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String clusterName = "jobgrid-bench-vectors-" + ProcessHandle.current().pid();
        // Other engineers' load on this shared 2-core machine stalls a JVM for seconds at a time; the
        // default 5 s heartbeat timeout then splits the cluster mid-run and the merge ships chunks.
        Path config = logs.resolve("jobgrid.yaml");
        Files.writeString(config, "heartbeatTimeoutSeconds: 120\n");
        int[] memberPorts = freePorts(nodes);
        int[] httpPorts = freePorts(nodes);
        List<String> members = new ArrayList<>();
        for (int port : memberPorts) {
            members.add("127.0.0.1:" + port);
        }
        for (int i = 0; i < nodes; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap));
            cmd.addAll(NODE_JVM_FLAGS);
            if (!extraJvm.isBlank()) {
                cmd.addAll(List.of(extraJvm.replace("{n}", String.valueOf(i + 1)).trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "node", "--config", config.toString(), "--name", "n" + (i + 1),
                    "--http-port", String.valueOf(httpPorts[i]), "--member-port", String.valueOf(memberPorts[i]),
                    "--members", String.join(",", members), "--cluster-name", clusterName, "--slots", "1",
                    "--data-dir", logs.resolve("data-n" + (i + 1)).toString()));
            File log = logs.resolve("n" + (i + 1) + ".log").toFile();
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start());
            urls.add("http://127.0.0.1:" + httpPorts[i]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        System.err.println("bench: " + nodes + " nodes starting, logs in " + logs);
    }

    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < urls.size(); i++) {
            while (!ready(http, urls.get(i))) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("node " + urls.get(i) + " exited; logs in " + logs);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + urls.get(i) + " not ready after " + timeout + "; logs in " + logs);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private boolean ready(HttpClient http, String url) throws InterruptedException {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> nodes = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/nodes"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && nodes.statusCode() == 200
                    && nodes.body().split("\"name\"").length - 1 == urls.size();
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** SIGTERM first, so a JFR recording is written out; SIGKILL after 30 s. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
