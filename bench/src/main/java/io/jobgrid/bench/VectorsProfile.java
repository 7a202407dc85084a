package io.jobgrid.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.vectors.HzVectors;
import io.jobgrid.vectors.VectorGridConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Profiling harness, not the benchmark: N members in this JVM (real loopback network), each
 * operation timed from the first member, no HTTP. Used to choose the chunk size and the direct
 * path threshold ({@code -Djobgrid.vector.chunk-size=...}); run with a profiler attached.
 *
 * <p>{@code VectorsProfile [members] [size] [rounds]}
 */
public final class VectorsProfile {
    private VectorsProfile() {
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<HazelcastInstance> cluster = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Config config = new Config().setClusterName("vectors-profile");
            config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
            config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
            config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
            config.getJetConfig().setEnabled(true);
            cluster.add(Hazelcast.newHazelcastInstance(VectorGridConfig.apply(config, 1)));
        }
        while (!cluster.get(0).getPartitionService().isClusterSafe()) {
            Thread.onSpinWait();
        }
        Vectors vectors = new HzVectors(cluster.get(0));
        vectors.create("nothing-0", 17 * 65536, VectorInit.zeros());
        for (int r = 0; r < rounds * 4; r++) {
            com.hazelcast.jet.pipeline.Pipeline p = com.hazelcast.jet.pipeline.Pipeline.create();
            p.readFrom(com.hazelcast.jet.pipeline.test.TestSources.items(1, 2, 3))
                    .writeTo(com.hazelcast.jet.pipeline.Sinks.noop());
            time("noop job", 1, () -> cluster.get(0).getJet().newLightJob(p).join());
            time("sum 0", 1, () -> vectors.sum("nothing-" + 0));
        }
        time("create y", size, () -> vectors.create("y", size, VectorInit.fill(1.5)));
        time("create x", size, () -> vectors.create("x", size, VectorInit.random(1)));
        for (int r = 0; r < rounds; r++) {
            time("sum", size, () -> vectors.sum("y"));
            time("dot", size, () -> vectors.dot("y", "x"));
            time("add", size, () -> vectors.add("y", 2));
            time("axpy", size, () -> vectors.axpy("y", 0.5, "x"));
        }
        cluster.forEach(HazelcastInstance::shutdown);
    }

    private static void time(String op, int size, Runnable work) {
        java.util.Map<String, Long> before = threadCpu();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Map<String, Long> after = threadCpu();
        StringBuilder cpu = new StringBuilder();
        long total = 0;
        for (var e : after.entrySet()) {
            long ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1_000_000;
            total += ms;
            if (ms >= 1) {
                cpu.append(' ').append(e.getKey()).append('=').append(ms);
            }
        }
        System.out.printf("%-10s %,12d elems %8.2f ms %,8.0f M elems/s  cpu %d ms:%s%n", op, size, seconds * 1e3,
                size / seconds / 1e6, total, cpu);
    }

    /** CPU time of this JVM's threads, summed by name with the member prefix and numbers taken out. */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(info.getThreadId());
            if (ns > 0) {
                String name = info.getThreadName().replaceAll("hz\\.[^.]+\\.", "").replaceAll("[0-9]+", "#");
                out.merge(name, ns, Long::sum);
            }
        }
        return out;
    }
}
