package io.jobgrid.vectors;

import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.grid.internal.PartitionUpdate;

import java.util.Arrays;

/**
 * An in-place update (add, scale, axpy, mul) of all the chunks of one vector that live in one
 * partition, as one Hazelcast partition operation ({@link Internals#updatePartition}): it runs on
 * the partition thread of the partition's owner, and Hazelcast sends the same update, marked as a
 * backup, to each backup replica and waits for their acknowledgements before it answers
 * (synchronous backups), exactly as for a map write. It travels with
 * {@link VectorSerializers}.
 *
 * <p>Why not an entry processor per chunk: profiled on 3 members (bench/VectorsProfile,
 * per-thread CPU, 100M doubles), that kept the partition threads busy 159-225 ms per add, this
 * operation 92-107 ms, near the loops themselves on primaries and backups. The difference was the
 * entry-processor machinery around each of the 1,526 chunks, twice (primary and backup): a
 * multi-key operation per partition, per-key locking checks, record updates, a result per chunk
 * and its response map. Here a partition's chunks are found in the record store and updated in
 * place (OBJECT format), and one small count comes back.
 *
 * <p>Everything that makes a map write safe still holds: the operation is routed to the
 * partition's current owner and retried by the invocation when the partition migrates or its
 * owner dies (it waits while the partition migrates); its backup bumps the replica version of the
 * chunk map's namespace, so Hazelcast's anti-entropy re-syncs a backup that missed it. Exactly
 * once per chunk rests on the chunk versions of {@link UpdateChunk#applyTo}: a retry finds the
 * chunks already done and skips them.
 */
final class UpdatePartition implements PartitionUpdate<ChunkKey, Chunk> {
    final UpdateChunk update;
    final String vector;
    final long size;
    final int[] indices;

    UpdatePartition(UpdateChunk update, String vector, long size, int[] indices) {
        this.update = update;
        this.vector = vector;
        this.size = size;
        this.indices = indices;
    }

    @Override
    public String map() {
        return GridNames.VECTOR_CHUNKS;
    }

    /**
     * Applies the update to the chunks, which all live in this operation's partition (the
     * caller grouped them so), x's chunks too; answers how many changed. On the primary every
     * chunk is checked before any changes, so a conflict fails the operation with none of its
     * chunks applied: Hazelcast sends no backup for a failed operation, and a partly applied
     * partition would leave its backup behind without a replica version to show it.
     */
    @Override
    public int apply(Replica<ChunkKey, Chunk> stored) {
        if (!update.backup) {
            for (int index : indices) {
                ChunkKey key = new ChunkKey(vector, size, index);
                update.due(key, stored.apply(key), stored);
            }
        }
        int applied = 0;
        for (int index : indices) {
            ChunkKey key = new ChunkKey(vector, size, index);
            applied += update.applyTo(key, stored.apply(key), stored);
        }
        return applied;
    }

    /** The same update on a backup replica (a chunk not at the expected version is left alone). */
    @Override
    public UpdatePartition forBackup() {
        return new UpdatePartition(update.forBackup(), vector, size, indices);
    }

    /** What Hazelcast's logs (slow operations, invocation failures) say about the operation. */
    @Override
    public String toString() {
        return "update=" + update.update.describe() + " version " + update.from + "->" + update.to
                + (update.backup ? " (backup)" : "") + ", vector=" + vector + ", size=" + size
                + ", chunks=" + Arrays.toString(indices);
    }
}
