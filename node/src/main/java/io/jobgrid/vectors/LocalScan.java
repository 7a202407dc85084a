package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.grid.internal.Internals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One member's share of a reduction (sum, dot, min, max, norm2): the chunks the caller planned
 * on this member, reduced on this member's partition threads straight from the record store, one
 * task per partition, and combined into one {@link Partial} that is the only thing sent back.
 *
 * <p>Why not an entry processor per chunk: profiled on 3 members (bench/VectorsProfile, per-thread
 * CPU), the partition threads spent about twice the loop's own time on a 100M-element sum; the
 * rest was the entry-processor machinery around each chunk (a multi-key operation per partition,
 * locking checks, a serialised result per chunk, a response map). Why not a Jet job per operation:
 * a light job costs 15-40 ms to start here, more than the whole sum of 100M doubles on two
 * cores. Why not one read-only partition operation per partition invoked by the caller (as
 * in-place updates are): measured on 3 in-JVM members at 100M, sum and dot cost 55-70 and 84-114
 * ms of CPU that way against 44-59 and 75-93 ms with one task per member (same run), the
 * difference being the ~180 operations and answers that cross between members. Reads change
 * nothing, so they need no backup operation and no lock; running on the partition thread still
 * orders them with updates and migrations of the same partition.
 *
 * <p>Correctness does not depend on the plan being current: every chunk is checked against the
 * version the caller read from the metadata, and a partition this member no longer owns is
 * reported as moved, which the caller retries once the partition table is safe
 * ({@link Retrying}); a chunk is counted only where it was found, so {@link Partial#chunks()}
 * still proves every chunk answered exactly once.
 */
final class LocalScan implements Callable<Partial>, HazelcastInstanceAware {
    private static final long TIMEOUT_SECONDS = 120;

    final ReadChunk read;
    final String vector;
    final long size;
    /** Chunk indices and, at the same position, their partition ids. */
    final int[] indices;
    final int[] partitions;
    private transient HazelcastInstance hz;

    LocalScan(ReadChunk read, String vector, long size, int[] indices, int[] partitions) {
        this.read = read;
        this.vector = vector;
        this.size = size;
        this.indices = indices;
        this.partitions = partitions;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public Partial call() throws InterruptedException {
        Map<Integer, List<Integer>> byPartition = Colocated.byPartition(indices, partitions);
        Internals internals = Internals.of(hz);
        List<CompletableFuture<Partial>> parts = new ArrayList<>();
        byPartition.forEach((partition, chunks) -> {
            CompletableFuture<Partial> part = new CompletableFuture<>();
            parts.add(part);
            internals.runOnPartitionThread(partition, () -> reduce(internals, partition, chunks, part));
        });
        Partial total = Partial.EMPTY;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (CompletableFuture<Partial> part : parts) {
            try {
                total = total.combine(part.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the partition threads of member " + hz.getCluster().getLocalMember()
                        + " did not reduce vector " + vector + " within " + TIMEOUT_SECONDS + " s", e);
            }
        }
        return total;
    }

    /** Reduces this scan's chunks of one partition, on that partition's thread. */
    private void reduce(Internals internals, int partition, List<Integer> chunks, CompletableFuture<Partial> result) {
        try {
            if (!internals.ownsPartition(partition)) {
                throw new PartitionMovedException("partition " + partition + " of vector " + vector
                        + " moved away from member " + hz.getCluster().getLocalMember().getAddress() + " during the read");
            }
            Function<ChunkKey, Chunk> stored = Colocated.in(hz, partition);
            Partial partial = Partial.EMPTY;
            for (int index : chunks) {
                ChunkKey key = new ChunkKey(vector, size, index);
                partial = partial.combine(read.reduce(key, stored.apply(key), stored));
            }
            result.complete(partial);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** The plan met a partition that migrated meanwhile: not a conflict, run the read again. */
    static final class PartitionMovedException extends IllegalStateException {
        PartitionMovedException(String message) {
            super(message);
        }
    }
}
