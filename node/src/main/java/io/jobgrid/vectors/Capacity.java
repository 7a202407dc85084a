package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.grid.GridNames;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Refuses a vector the cluster cannot hold before a single chunk is built. Each member must have
 * room for its share of the primaries and backups, plus a margin for uneven partition spread and
 * for the collector. Best effort: two creates racing may both pass; the margin absorbs that.
 */
final class Capacity {
    /** Partitions do not spread perfectly and the heap needs room to breathe. */
    static final double MARGIN = 1.5;
    /**
     * Below this many elements (8 MiB) the probe is skipped: asking every member costs a round trip
     * through an executor (about a third of creating a 10k-element vector), and a member without
     * that much headroom is failing anyway.
     */
    static final long PROBE_FROM = 1L << 20;

    private Capacity() {
    }

    static void check(HazelcastInstance hz, String name, long size, int backupCount) {
        if (size < PROBE_FROM) {
            return;
        }
        int members = hz.getCluster().getMembers().size();
        double perMember = size * 8.0 * (1 + Math.min(backupCount, members - 1)) / members * MARGIN;
        Map<Member, Future<Long>> free = hz.getExecutorService(GridNames.VECTOR_PROBE)
                .submitToAllMembers(new FreeHeap((long) perMember));
        for (Map.Entry<Member, Future<Long>> entry : free.entrySet()) {
            long available = await(entry.getValue());
            if (perMember > available) {
                throw new TooLargeException("size", "vector " + name + " of " + size + " doubles needs about "
                        + mib(perMember) + " MiB on each of " + members + " members (with backups), but member "
                        + entry.getKey().getAddress() + " has " + mib(available) + " MiB free; size was " + size);
            }
        }
    }

    private static long await(Future<Long> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobGridException("interrupted while checking free memory", e);
        } catch (ExecutionException e) {
            throw new JobGridException("could not check free memory: " + e.getCause(), e.getCause());
        }
    }

    private static long mib(double bytes) {
        return (long) (bytes / (1024 * 1024));
    }

    /**
     * Heap a member can still grow into: max minus what is in use now. "In use" includes garbage
     * not yet collected (the chunks of a vector just deleted, say), so when that looks too little
     * for {@code needed} the member collects once and measures again before saying no.
     */
    record FreeHeap(long needed) implements Callable<Long>, Serializable {

        @Override
        public Long call() {
            long free = free();
            if (free >= needed) {
                return free;
            }
            System.gc();
            return free();
        }

        private static long free() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        }
    }
}
