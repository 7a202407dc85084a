package io.jobgrid.bench;

import io.jobgrid.api.VectorInit;
import io.jobgrid.client.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench vectors}: create, add scalar, axpy, sum and dot on vectors of 10k, 10M and 100M
 * doubles held by 3 real node processes ({@link LocalCluster}: the node jar with bin/jobgrid's JVM
 * flags), driven over REST from this JVM, against the same loops ({@link Kernels}) run
 * single-threaded over local arrays in this JVM. Each figure is the best of {@code --repeat} runs,
 * grid and baseline alternating. Warm-up rounds on 20M elements (306 chunks, so every partition
 * runs every operation) run first and are not reported, until the nodes' JIT compilers use under
 * 5% of their CPU in a round (at most 12 rounds): the figures are a running cluster's, not its
 * first minute's, when the compilers still took 50-90 ms of CPU per 100M-element add (measured
 * with the per-operation CPU lines this bench prints), on two cores a third of the operation. Then
 * the largest vectors are built and dropped once on both sides: on this VM the first touch of a
 * fresh page costs far more than a loop over it (pre-touching a 3 GiB heap took
 * minutes), so whichever side touched new memory first would be charged for page faults. The last
 * line is the JSON of issue 8.
 *
 * <p>Driven over REST rather than from an embedded member: that is what a user gets, the HTTP
 * round trip (~1 ms) is noise next to a 100M-element operation, and it keeps this JVM out of the
 * cluster so it does not hold chunks or steal the members' cores.
 *
 * <p>Options: {@code --nodes 3 --sizes 10000,10000000,100000000 --repeat 5 --heap 3g
 * --node-jvm "-XX:StartFlightRecording=filename=/tmp/n{n}.jfr"}. This JVM needs a heap of about
 * 6x the largest size in bytes (two local arrays, and up to four more for {@link Ceilings}).
 */
public final class VectorsBench {
    private static final int WARM_UP_SIZE = 20_000_000;
    private static final int WARM_UP_ROUNDS_MIN = 2;
    private static final int WARM_UP_ROUNDS_MAX = 12;
    private static final double SETTLED_COMPILER_SHARE = 0.05;

    private VectorsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "3"));
        int repeat = Integer.parseInt(opts.getOrDefault("repeat", "5"));
        long[] sizes = Arrays.stream(opts.getOrDefault("sizes", "10000,10000000,100000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        List<Map<String, Object>> ops = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(settings(nodes, opts))) {
            NodeCpu cpu = new NodeCpu(cluster.pids());
            VectorOps grid = new VectorOps(cluster.clients().get(0).vectors(), repeat, cpu);
            warmUp(grid, cpu);
            grid.touch((int) Arrays.stream(sizes).max().orElse(0));
            System.err.println("# warm-up done");
            for (long size : sizes) {
                ops.addAll(grid.measure((int) size));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "vectors");
        result.put("nodes", nodes);
        result.put("baseline", "the same loops (io.jobgrid.vectors.Kernels), one thread, local arrays, same run");
        result.put("ops", ops);
        System.out.println(Json.write(result));
        System.exit(0);
    }

    /**
     * One slot each (the vectors need no job slots), G1 with the heap fixed at its size, nodes
     * named n1..n3 (so their threads are {@code hz.n1-1...}), a history file each, and
     * {@code --node-jvm} options. Other engineers' load on this shared 2-core machine stalls a JVM
     * for seconds at a time; the default 5 s heartbeat timeout would then split the cluster
     * mid-run and the merge ship chunks, hence 120 s.
     */
    private static LocalCluster.Settings settings(int nodes, Map<String, String> opts) throws IOException {
        String heap = opts.getOrDefault("heap", "3g");
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap));
        String more = opts.getOrDefault("node-jvm", "").trim();
        if (!more.isEmpty()) {
            jvm.addAll(List.of(more.split("\\s+")));
        }
        Path data = Files.createTempDirectory("jobgrid-bench-vectors-");
        return LocalCluster.Settings.of(nodes, 1, heap).withNamePrefix("n").withJvmArgs(jvm)
                .withNodeArgs(List.of("--data-dir", data.resolve("data-n{n}").toString()))
                .withNodeYaml("heartbeatTimeoutSeconds: 120\n");
    }

    /**
     * Rounds of every operation on 20M elements until the nodes' JIT compilers are nearly idle
     * (under {@link #SETTLED_COMPILER_SHARE} of the nodes' CPU in a round), at most
     * {@link #WARM_UP_ROUNDS_MAX}: the steady state of a running cluster.
     */
    private static void warmUp(VectorOps grid, NodeCpu cpu) throws Exception {
        for (int round = 1; round <= WARM_UP_ROUNDS_MAX; round++) {
            Map<String, Long> before = cpu.snapshot();
            grid.measure(WARM_UP_SIZE);
            Map<String, Long> after = cpu.snapshot();
            long total = NodeCpu.used(before, after, "");
            long compilers = NodeCpu.used(before, after, NodeCpu.JIT);
            double share = total == 0 ? 0 : (double) compilers / total;
            System.err.printf("# warm-up round %d: JIT compilers %.0f%% of the nodes' CPU%n", round, share * 100);
            if (round >= WARM_UP_ROUNDS_MIN && share < SETTLED_COMPILER_SHARE) {
                return;
            }
        }
    }

    /** {@code --key value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, but was " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    static VectorInit randomInit() {
        return VectorInit.random(1);
    }
}
