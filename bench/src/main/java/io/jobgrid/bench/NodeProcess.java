package io.jobgrid.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one node process, as every benchmark starts it: the built node jar, run
 * with the JVM options {@code bin/jobgrid} gives a node, then the benchmark's own, then those of
 * {@code -Dbench.nodeJvmArgs} (split on spaces and commas, {@code {n}} becoming the node's
 * number, e.g. for one JFR file per node).
 */
final class NodeProcess {
    /**
     * What bin/jobgrid gives a node: Hazelcast's recommended opens/exports (without them it falls
     * back to slower paths and warns), logging through SLF4J, no phone-home, and 2 MiB G1 regions so
     * a 512 KiB vector chunk is not a humongous object. Keep in step with bin/jobgrid.
     */
    static final List<String> BIN_JOBGRID_FLAGS = List.of("-Dhazelcast.phone.home.enabled=false",
            "-Dhazelcast.logging.type=slf4j", "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-XX:G1HeapRegionSize=2m");

    private NodeProcess() {
    }

    /** {@code node/target/jobgrid-node.jar} under {@code -Djobgrid.root}; refuses a missing jar. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("jobgrid.root", ".")).resolve("node/target/jobgrid-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the node first: " + jar + " is missing (bin/bench builds it)");
        }
        return jar;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code java ... -jar jobgrid-node.jar node}; the caller adds the node's own arguments.
     *
     * @param n       the node's number, for {@code {n}} in JVM options
     * @param jvmArgs the benchmark's JVM options, after bin/jobgrid's ({@code {n}} replaced too)
     */
    static List<String> command(int n, String heap, List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap));
        cmd.addAll(BIN_JOBGRID_FLAGS);
        jvmArgs.forEach(arg -> cmd.add(arg.replace("{n}", Integer.toString(n))));
        String more = System.getProperty("bench.nodeJvmArgs", "").replace("{n}", Integer.toString(n)).trim();
        if (!more.isEmpty()) {
            cmd.addAll(List.of(more.split("[,\\s]+"))); // commas survive bin/bench's word splitting
        }
        cmd.addAll(List.of("-jar", jar().toString(), "node"));
        return cmd;
    }
}
