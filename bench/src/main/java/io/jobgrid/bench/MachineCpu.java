package io.jobgrid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a machine's CPU went between two readings, in clock ticks from Linux's {@code /proc}: the
 * whole machine ({@code /proc/stat}: everything but idle, IO wait and steal), the bench's own JVM,
 * the node processes, and the processes they waited for (their {@code cutime} and {@code cstime}:
 * the jobs' shells). What is left is the kernel's own work and other programs on a shared machine.
 * With it, a throughput is set against what the work costs the machine as a whole: the JVM spawn
 * baseline and a grid job each have a CPU price, and on a busy machine their ratio bounds the
 * grid's ratio to the baseline. Where {@code /proc} is missing every figure reads zero.
 */
final class MachineCpu {
    /** Linux's USER_HZ: 100 on x86 and ARM, the unit of {@code /proc/stat} and of a process's times. */
    private static final double TICK_MS = 10;

    private final List<Long> nodes;

    /** Reads the bench JVM, the machine, and {@code nodes} (may be empty: the baseline has none). */
    MachineCpu(List<Long> nodes) {
        this.nodes = nodes;
    }

    /** One reading: ticks of the machine, the bench, the nodes and the nodes' reaped children. */
    record Reading(long machine, long bench, long nodes, long children) {
    }

    Reading read() {
        long nodeTicks = 0;
        long childTicks = 0;
        for (long pid : nodes) {
            long[] t = orZero(processTicks(Path.of("/proc", String.valueOf(pid), "stat")));
            nodeTicks += t[0];
            childTicks += t[1];
        }
        long[] self = orZero(processTicks(Path.of("/proc/self/stat")));
        return new Reading(machineTicks(), self[0], nodeTicks, childTicks + self[1]);
    }

    /**
     * Milliseconds of CPU per unit of work between {@code before} and {@code after}: the machine,
     * the bench JVM, the nodes, their jobs' processes (and the bench's own children), and the rest.
     */
    static Map<String, Double> perUnit(Reading before, Reading after, int units) {
        Map<String, Double> out = new LinkedHashMap<>();
        long machine = after.machine() - before.machine();
        long bench = after.bench() - before.bench();
        long nodes = after.nodes() - before.nodes();
        long children = after.children() - before.children();
        out.put("machine", ms(machine, units));
        out.put("bench_jvm", ms(bench, units));
        out.put("nodes", ms(nodes, units));
        out.put("job_processes", ms(children, units));
        out.put("kernel_and_other", ms(machine - bench - nodes - children, units));
        return out;
    }

    private static double ms(long ticks, int units) {
        return Math.round(ticks * TICK_MS / units * 1000) / 1000.0;
    }

    /** Busy ticks of the whole machine: user, nice, system, irq and softirq (not steal: no work done here). */
    private static long machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime and cutime + cstime of one process, in ticks, from its {@code /proc/PID/stat};
     * null when it cannot be read (no {@code /proc}, or the process is gone).
     */
    static long[] processTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Ticks as milliseconds. */
    static double millis(long ticks) {
        return ticks * TICK_MS;
    }

    private static long[] orZero(long[] ticks) {
        return ticks == null ? new long[] {0, 0} : ticks;
    }
}
