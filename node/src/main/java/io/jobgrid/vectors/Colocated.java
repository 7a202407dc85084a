package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;

import java.util.function.Function;

/**
 * Reads the chunk of another vector that lives in the same partition as the chunk an entry
 * processor or a partition task is working on, straight from the partition's record store: no
 * copy, no deserialisation, no invocation. Only safe on the partition thread that owns that
 * partition, which is where entry processors run (on the primary and on the backups alike).
 *
 * <p>The read itself is {@link Internals#storedValue}: the public API offers no way to read a
 * second entry of the same partition from an entry processor without copying it.
 */
final class Colocated {
    private Colocated() {
    }

    /** The stored chunk (primary or backup replica held by this member), or null. */
    static Chunk find(HazelcastInstance hz, ChunkKey key) {
        return Internals.of(hz).storedValue(GridNames.VECTOR_CHUNKS, key);
    }

    /** The chunk indices grouped by the partition each lives in ({@code partitions[i]} holds {@code indices[i]}). */
    static java.util.Map<Integer, java.util.List<Integer>> byPartition(int[] indices, int[] partitions) {
        java.util.Map<Integer, java.util.List<Integer>> out = new java.util.HashMap<>();
        for (int i = 0; i < indices.length; i++) {
            out.computeIfAbsent(partitions[i], p -> new java.util.ArrayList<>()).add(indices[i]);
        }
        return out;
    }

    /** The chunks of one partition on this member, for a caller that reads many of them. */
    static Function<ChunkKey, Chunk> in(HazelcastInstance hz, int partition) {
        return Internals.of(hz).storedValues(GridNames.VECTOR_CHUNKS, partition);
    }
}
