package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.jobgrid.grid.internal.Internals;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One member's share of an evaluation: the chunk indices planned on it (with their partitions),
 * evaluated where they live. A value is reduced on this member's partition threads, one task
 * per partition reading every operand's chunk straight from the record store, as
 * {@link LocalScan} does; an assignment is one {@link EvalPartition} operation per partition, so
 * that the backups get it too. Either way one {@link EvalPartial} per member comes back, whose
 * chunk count proves that every chunk was evaluated exactly once.
 *
 * <p>Started from the member's processor of the evaluation's Jet job ({@link EvalJob}), or, for a
 * small vector, sent to the member through an executor ({@link #call}).
 */
final class EvalShare implements Callable<EvalPartial>, HazelcastInstanceAware, Serializable {
    private static final long serialVersionUID = 1L;
    private static final long TIMEOUT_SECONDS = 120;

    final EvalWork work;
    /** The target of an assignment, else null. */
    final String target;
    final int[] indices;
    final int[] partitions;
    private transient HazelcastInstance hz;

    EvalShare(EvalWork work, String target, int[] indices, int[] partitions) {
        this.work = work;
        this.target = target;
        this.indices = indices;
        this.partitions = partitions;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public EvalPartial call() throws Exception {
        return start(hz).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the work on this member; the future completes with the combined partial or the first failure. */
    CompletableFuture<EvalPartial> start(HazelcastInstance member) {
        Map<Integer, List<Integer>> byPartition = Colocated.byPartition(indices, partitions);
        Internals internals = Internals.of(member);
        Program program = work.program();
        List<CompletableFuture<EvalPartial>> parts = new ArrayList<>();
        byPartition.forEach((partition, chunks) -> {
            int[] mine = chunks.stream().mapToInt(Integer::intValue).toArray();
            if (target != null) {
                parts.add(internals.updatePartition(partition, new EvalPartition(work, target, mine, false))
                        .thenApply(applied -> new EvalPartial(new double[0], mine.length)));
            } else {
                CompletableFuture<EvalPartial> part = new CompletableFuture<>();
                parts.add(part);
                internals.runOnPartitionThread(partition, () -> reduce(member, internals, partition, mine, part));
            }
        });
        CompletableFuture<EvalPartial> total = CompletableFuture.completedFuture(program.empty());
        for (CompletableFuture<EvalPartial> part : parts) {
            total = total.thenCombine(part, program::combine);
        }
        return total;
    }

    /** Reduces this share's chunks of one partition, on that partition's thread. */
    private void reduce(HazelcastInstance member, Internals internals, int partition, int[] chunks,
                        CompletableFuture<EvalPartial> result) {
        try {
            if (!internals.ownsPartition(partition)) {
                throw new LocalScan.PartitionMovedException("partition " + partition + " moved away from member "
                        + member.getCluster().getLocalMember().getAddress() + " during " + work.source());
            }
            Function<ChunkKey, Chunk> stored = Colocated.in(member, partition);
            Program program = work.program();
            String first = work.operands()[0];
            try (Program.Frame frame = program.frame()) {
                for (int index : chunks) {
                    ChunkKey key = new ChunkKey(first, work.size(), index);
                    program.run(frame, work.inputs(key, stored), null, Layout.chunkLength(work.size(), index));
                }
                result.complete(frame.partial(chunks.length));
            }
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }
}
