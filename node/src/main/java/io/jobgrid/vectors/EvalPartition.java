package io.jobgrid.vectors;

import io.jobgrid.api.VectorConflictException;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.grid.internal.PartitionUpdate;

import java.io.Serializable;
import java.util.function.Function;

/**
 * An assignment ({@code c = expr}) of the target's chunks that live in one partition, as one
 * partition operation ({@link Internals#updatePartition}), exactly like {@link UpdatePartition}:
 * the primary evaluates the expression into the target's chunks on its partition thread; the
 * backups get this operation, not the values, and evaluate the same expression on their replicas
 * of the operands, which live in the same partition.
 *
 * <p>Into an existing vector the chunks are written in place. Into a new vector
 * ({@code work.from() == }{@link EvalWork#NEW}) the target's chunks do not exist yet: each is
 * allocated, computed straight from the operands' chunks and put into the record store here, on
 * the primary and, by the backup operation, on every backup replica, so its memory is written once.
 *
 * <p>All or nothing per partition: on the primary every target chunk and every operand chunk is
 * checked before any changes. Exactly once per chunk: a target chunk moves from version
 * {@code from} (or absence) to {@code to}, and one already at {@code to} (a retry) is skipped.
 */
final class EvalPartition implements PartitionUpdate<ChunkKey, Chunk>, Serializable {
    private static final long serialVersionUID = 1L;

    final EvalWork work;
    final String target;
    final int[] indices;
    final boolean backup;

    EvalPartition(EvalWork work, String target, int[] indices, boolean backup) {
        this.work = work;
        this.target = target;
        this.indices = indices;
        this.backup = backup;
    }

    @Override
    public String map() {
        return GridNames.VECTOR_CHUNKS;
    }

    @Override
    public int apply(Replica<ChunkKey, Chunk> stored) {
        if (!backup) {
            for (int index : indices) {
                ChunkKey key = new ChunkKey(target, work.size(), index);
                if (due(key, stored.apply(key))) {
                    work.inputs(key, stored);
                }
            }
        }
        Program program = work.program();
        int applied = 0;
        try (Program.Frame frame = program.frame()) {
            for (int index : indices) {
                ChunkKey key = new ChunkKey(target, work.size(), index);
                Chunk chunk = stored.apply(key);
                if (due(key, chunk)) {
                    double[][] inputs = backup ? backupInputs(key, stored) : work.inputs(key, stored);
                    if (inputs != null) {
                        evaluate(program, frame, inputs, key, chunk, stored);
                        applied++;
                    }
                }
            }
        }
        return applied;
    }

    /** Computes one chunk: in place, or into a new chunk stored at once (its only write). */
    private void evaluate(Program program, Program.Frame frame, double[][] inputs, ChunkKey key, Chunk chunk,
                          Replica<ChunkKey, Chunk> stored) {
        if (chunk != null) {
            program.run(frame, inputs, chunk.values, chunk.values.length);
            chunk.version = work.to();
            return;
        }
        double[] values = new double[Layout.chunkLength(work.size(), key.index())];
        program.run(frame, inputs, values, values.length);
        stored.put(key, new Chunk(values, work.to()));
    }

    /**
     * Whether the chunk still needs the assignment: false when it is at {@code to} already (or, on
     * a backup, in any other state than expected: Hazelcast re-syncs that replica); on the primary
     * a chunk in another state (missing in place, present in a new vector, another version) is a
     * conflict.
     */
    private boolean due(ChunkKey key, Chunk chunk) {
        if (chunk != null && chunk.version == work.to()) {
            return false;
        }
        boolean fresh = work.from() == EvalWork.NEW;
        if (fresh ? chunk != null : chunk == null || chunk.version != work.from()) {
            if (backup) {
                return false;
            }
            throw new VectorConflictException("chunk " + key.index() + " of vector " + key.vector() + " is "
                    + (chunk == null ? "missing" : "at version " + chunk.version) + ", expected "
                    + (fresh ? "none" : "version " + work.from()) + " or version " + work.to() + " (" + work.source() + ")");
        }
        return true;
    }

    /** On a backup a missing or stale operand means the replica is re-synced: skip the chunk. */
    private double[][] backupInputs(ChunkKey key, Function<ChunkKey, Chunk> stored) {
        try {
            return work.inputs(key, stored);
        } catch (VectorConflictException e) {
            return null;
        }
    }

    @Override
    public EvalPartition forBackup() {
        return new EvalPartition(work, target, indices, true);
    }

    @Override
    public String toString() {
        return "eval " + work.source() + " version " + (work.from() == EvalWork.NEW ? "new" : work.from()) + "->"
                + work.to() + (backup ? " (backup)" : "") + ", size=" + work.size() + ", chunks="
                + java.util.Arrays.toString(indices);
    }
}
