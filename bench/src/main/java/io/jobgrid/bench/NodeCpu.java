package io.jobgrid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the node processes' threads, summed by thread name with the numbers taken out, read
 * from Linux's {@code /proc/PID/task/TID/schedstat} (nanoseconds actually on a CPU). Unlike a
 * sampling profiler it does not count a thread the OS has preempted, so it stays true on a loaded
 * machine. Where {@code /proc} is missing it reports nothing.
 */
final class NodeCpu {
    private final List<Long> pids;

    NodeCpu(List<Long> pids) {
        this.pids = pids;
    }

    /** Nanoseconds per thread group, over all the nodes. */
    Map<String, Long> snapshot() {
        return read(0);
    }

    /**
     * Nanoseconds per thread group that the nodes' threads were runnable but waited for a CPU
     * (the second field of {@code schedstat}): the machine's oversubscription, as the nodes felt it.
     */
    Map<String, Long> waited() {
        return read(1);
    }

    /** Sums the {@code field}-th number of each node thread's {@code schedstat} by thread group. */
    private Map<String, Long> read(int field) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        long ns = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[field]);
                        byGroup.merge(name, ns, Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // The thread ended between listing and reading: its time is gone either way.
                    }
                });
            } catch (IOException e) {
                // No /proc (not Linux) or the node is gone.
            }
        }
        return byGroup;
    }

    /** What the JIT compilers' thread groups are called ("C1 CompilerThre", "C2 CompilerThre"). */
    static final String JIT = "CompilerThre";

    /**
     * Nanoseconds between two snapshots, summed over the thread groups whose name holds
     * {@code group} ("" for all of them).
     */
    static long used(Map<String, Long> before, Map<String, Long> after, String group) {
        long ns = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().contains(group)) {
                ns += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return ns;
    }

    /** "group=ms ..." of the groups that used at least 1 ms between two snapshots, divided by {@code runs}. */
    static String difference(Map<String, Long> before, Map<String, Long> after, int runs) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long ms = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1_000_000 / runs;
            total += ms;
            if (ms >= 1) {
                out.append(' ').append(e.getKey()).append('=').append(ms);
            }
        }
        return "total=" + total + out;
    }
}
