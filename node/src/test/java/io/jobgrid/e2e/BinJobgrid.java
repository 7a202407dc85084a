package io.jobgrid.e2e;

import io.jobgrid.testkit.LoopbackPorts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives {@code bin/jobgrid} as a user would, with ports, cluster name and run dir of its own.
 * The jars are the ones Maven just packaged: {@code JOBGRID_NO_BUILD=1} keeps the script from
 * starting a nested build that would rewrite them under the running Maven.
 */
final class BinJobgrid {
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;

    private final Path root;
    private final int nodes;
    private final int httpBase;
    private final int memberBase;
    private final String clusterName;
    private final Path runDir;

    private BinJobgrid(Path root, int nodes, int httpBase, int memberBase, String clusterName, Path runDir) {
        this.root = root;
        this.nodes = nodes;
        this.httpBase = httpBase;
        this.memberBase = memberBase;
        this.clusterName = clusterName;
        this.runDir = runDir;
    }

    /**
     * A cluster of {@code nodes} on free ports, kept under node/target/e2e-run/CALLING_CLASS for
     * post-mortems (one directory per test class, so a later class does not overwrite the logs of
     * one that failed).
     */
    static BinJobgrid forThisBuild(int nodes) throws IOException {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getSimpleName();
        Path root = repoRoot();
        // Random bases: other builds on this machine may run clusters of their own at fixed ports.
        int httpBase = LoopbackPorts.forHttp(nodes);
        int memberBase = LoopbackPorts.forMembers(nodes, httpBase);
        Path runDir = root.resolve("node/target/e2e-run").resolve(caller);
        Files.createDirectories(runDir);
        deleteTree(runDir.resolve("data")); // each test class starts with an empty job history
        String cluster = "jobgrid-e2e-" + ProcessHandle.current().pid();
        return new BinJobgrid(root, nodes, httpBase, memberBase, cluster, runDir);
    }

    Result up(String... nodeArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("up", String.valueOf(nodes), "--http-port", String.valueOf(httpBase),
                "--member-port", String.valueOf(memberBase), "--cluster-name", clusterName,
                "--run-dir", runDir.toString()));
        if (nodeArgs.length > 0) {
            args.add("--");
            args.addAll(List.of(nodeArgs));
        }
        return run(root, args.toArray(new String[0]));
    }

    /** Where {@code up} keeps the nodes' shared job history. */
    Path dataDir() {
        return runDir.resolve("data");
    }

    Result down() throws IOException {
        return run("down");
    }

    /** {@code bin/jobgrid drain NODE --url URL}: asks the node at {@code url} to drain {@code node}. */
    Result drain(String node, String url) throws IOException {
        return run(root, "drain", node, "--url", url);
    }

    /** Runs a command that takes {@code --run-dir}, against this cluster's run dir. */
    Result run(String command) throws IOException {
        return run(root, command, "--run-dir", runDir.toString());
    }

    String url(int node) {
        return "http://127.0.0.1:" + (httpBase + node - 1);
    }

    Path root() {
        return root;
    }

    /**
     * Copies the nodes' logs (and those of their previous start, node-N.log.1) into
     * {@code runDir/logs-LABEL}, for a class whose tests share one cluster directory: the next
     * test's nodes would overwrite them.
     */
    void keepLogs(String label) throws IOException {
        Path into = runDir.resolve("logs-" + label);
        Files.createDirectories(into);
        try (var logs = Files.newDirectoryStream(runDir, "node-*.log*")) {
            for (Path log : logs) {
                Files.copy(log, into.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Where {@code up} keeps the nodes' logs and pid files: node-N.log, node-N.pid. */
    Path runDir() {
        return runDir;
    }

    /** The member (Hazelcast) port of node 1; node N listens on {@code memberBase() + N - 1}. */
    int memberBase() {
        return memberBase;
    }

    /** Pids that {@code up} recorded, one per node. */
    List<Long> nodePids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            Path pidFile = runDir.resolve("node-" + node + ".pid");
            if (Files.exists(pidFile)) {
                pids.add(Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        return pids;
    }

    /** Runs bin/jobgrid with the JVM of this test; output goes to a file so no pipe can block. */
    static Result run(Path root, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/jobgrid").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("bin-jobgrid-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JOBGRID_NO_BUILD", "1");
        builder.environment().remove("JOBGRID_RUN_DIR");
        Process process = builder.start();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/jobgrid " + String.join(" ", args) + " did not finish within "
                        + SCRIPT_TIMEOUT_SECONDS + "s:\n" + Files.readString(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running bin/jobgrid", e);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(process.exitValue(), output);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Maven runs failsafe in node/; the repository root is the folder that holds bin/jobgrid. */
    private static Path repoRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        return Stream.iterate(dir, d -> d != null, Path::getParent)
                .filter(d -> Files.isExecutable(d.resolve("bin/jobgrid")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bin/jobgrid above " + dir));
    }

    /** Exit code and combined stdout/stderr of one run of the script. */
    record Result(int exitCode, String output) {
    }
}
