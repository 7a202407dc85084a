package io.jobgrid.bench;

import io.jobgrid.client.GridTarget;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.testkit.LoopbackPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The launcher of every benchmark's cluster: N jobgrid nodes as separate JVM processes on
 * loopback (command line from {@link NodeProcess}), on free ports and a cluster name of their
 * own, so other clusters on this machine (other benchmarks, a user's own) are neither disturbed
 * nor joined. One log file per node in a fresh temp dir. {@link #start} returns once every node
 * answers {@code /health} with UP and lists every node. {@link #clients()} reach the nodes, one
 * {@link JobgridClient} each over one shared HttpClient. Closing stops them: SIGTERM (nodes write
 * pending history, JFR recordings are written), SIGKILL for what is left after a minute.
 */
public final class LocalCluster implements AutoCloseable {
    /**
     * What a benchmark asks for.
     *
     * @param namePrefix node i is named {@code namePrefix + i}; Hazelcast names its threads after it
     * @param jvmArgs    JVM options after bin/jobgrid's ({@code {n}}: the node's number)
     * @param nodeArgs   more arguments of {@code jobgrid node} ({@code --data-dir DIR}, ...; {@code {n}} too)
     * @param nodeYaml   the text of a {@code --config} file every node reads; empty for none
     */
    public record Settings(int nodes, int slots, String heap, String namePrefix, List<String> jvmArgs,
                           List<String> nodeArgs, String nodeYaml) {
        public Settings {
            if (nodes < 1 || slots < 1) {
                throw new IllegalArgumentException("nodes and slots must be at least 1, but were " + nodes + " and " + slots);
            }
            if (heap == null || !heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("heap must be like 768m or 3g, but was " + heap);
            }
            jvmArgs = List.copyOf(jvmArgs);
            nodeArgs = List.copyOf(nodeArgs);
        }

        /** Parallel GC (throughput over pauses), names bench-1..n, no config file. */
        public static Settings of(int nodes, int slots, String heap) {
            return new Settings(nodes, slots, heap, "bench-", List.of("-XX:+UseParallelGC"), List.of(), "");
        }

        public Settings withNamePrefix(String prefix) {
            return new Settings(nodes, slots, heap, prefix, jvmArgs, nodeArgs, nodeYaml);
        }

        public Settings withJvmArgs(List<String> args) {
            return new Settings(nodes, slots, heap, namePrefix, args, nodeArgs, nodeYaml);
        }

        public Settings withNodeArgs(List<String> args) {
            return new Settings(nodes, slots, heap, namePrefix, jvmArgs, args, nodeYaml);
        }

        public Settings withNodeYaml(String yaml) {
            return new Settings(nodes, slots, heap, namePrefix, jvmArgs, nodeArgs, yaml);
        }
    }

    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    private final List<Process> processes = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<String> members = new ArrayList<>();
    private final List<JobgridClient> clients = new ArrayList<>();
    private final Path logs;

    private LocalCluster(Path logs) {
        this.logs = logs;
    }

    /** {@link Settings#of} with {@code nodeArgs} added to every node's command line. */
    public static LocalCluster start(int nodes, int slots, String heap, String... nodeArgs) throws IOException {
        return start(Settings.of(nodes, slots, heap).withNodeArgs(List.of(nodeArgs)));
    }

    public static LocalCluster start(Settings settings) throws IOException {
        LocalCluster cluster = new LocalCluster(Files.createTempDirectory("jobgrid-bench-"));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "bench-cluster-stop"));
        try {
            cluster.launch(settings);
            cluster.awaitReady(READY_WITHIN);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        System.err.println("bench: " + settings.nodes() + " nodes up; logs in " + cluster.logs);
        return cluster;
    }

    private void launch(Settings s) throws IOException {
        int httpBase = LoopbackPorts.forHttp(s.nodes());
        int memberBase = LoopbackPorts.forMembers(s.nodes(), httpBase);
        for (int i = 0; i < s.nodes(); i++) {
            members.add("127.0.0.1:" + (memberBase + i));
        }
        Path config = null;
        if (!s.nodeYaml().isBlank()) {
            config = Files.writeString(logs.resolve("jobgrid.yaml"), s.nodeYaml());
        }
        for (int i = 1; i <= s.nodes(); i++) {
            List<String> cmd = NodeProcess.command(i, s.heap(), s.jvmArgs());
            if (config != null) {
                cmd.addAll(List.of("--config", config.toString()));
            }
            cmd.addAll(List.of("--name", s.namePrefix() + i, "--http-port", Integer.toString(httpBase + i - 1),
                    "--member-port", Integer.toString(memberBase + i - 1), "--members", String.join(",", members),
                    "--cluster-name", clusterName(),
                    "--slots", Integer.toString(s.slots())));
            int n = i;
            s.nodeArgs().forEach(arg -> cmd.add(arg.replace("{n}", Integer.toString(n))));
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(s.namePrefix() + i + ".log").toFile()).start());
            String url = "http://127.0.0.1:" + (httpBase + i - 1);
            urls.add(url);
            clients.add(clients.isEmpty() ? new JobgridClient(new GridTarget(url, null)) : clients.get(0).at(url));
        }
    }

    /** The nodes' member addresses (127.0.0.1:port), node 1 first: what a member of the bench's own JVM joins. */
    public List<String> members() {
        return List.copyOf(members);
    }

    /** The Hazelcast cluster name of the nodes. */
    public static String clusterName() {
        return "jobgrid-bench-" + ProcessHandle.current().pid();
    }

    /** The nodes' REST base URLs, node 1 first. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /** One client per node, node 1 first, sharing one HttpClient. */
    public List<JobgridClient> clients() {
        return List.copyOf(clients);
    }

    public List<Process> processes() {
        return List.copyOf(processes);
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    private void awaitReady(Duration within) {
        Instant until = Instant.now().plus(within);
        for (int i = 0; i < urls.size(); i++) {
            while (!ready(i)) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("node " + urls.get(i) + " exited; logs in " + logs);
                }
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException("node " + urls.get(i) + " not ready after " + within + "; logs in " + logs);
                }
                pause(100);
            }
        }
    }

    private boolean ready(int node) {
        try {
            return clients.get(node).healthy() && clients.get(node).nodes().size() == urls.size();
        } catch (JobgridClientException notYet) {
            return false;
        }
    }

    /** CPU seconds (user + system) the node JVMs have used so far, from /proc; children not included. */
    public double cpuSeconds() {
        double total = 0;
        for (Process p : processes) {
            long[] ticks = MachineCpu.processTicks(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            if (ticks == null) {
                return Double.NaN;
            }
            total += MachineCpu.millis(ticks[0]) / 1000;
        }
        return total;
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the nodes", e);
        }
    }

    @Override
    public synchronized void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
