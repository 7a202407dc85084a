package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.jobgrid.api.VectorConflictException;

import java.util.Map;
import java.util.function.Function;

/**
 * Reduces one chunk where it lives (read-only: no lock, no backup) to a {@link Partial}. The
 * chunk must be at the version the caller read from the metadata, so a reduction never mixes
 * chunks from before and after a concurrent update.
 */
final class ReadChunk implements EntryProcessor<ChunkKey, Chunk, Partial>, ReadOnly, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    /** The reductions. */
    enum Kind { SUM, DOT, MIN, MAX, NORM2 }

    final Kind kind;
    final long version;
    final String other;
    final long otherVersion;
    private transient HazelcastInstance hz;

    ReadChunk(Kind kind, long version, String other, long otherVersion) {
        this.kind = kind;
        this.version = version;
        this.other = other;
        this.otherVersion = otherVersion;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public Partial process(Map.Entry<ChunkKey, Chunk> entry) {
        return reduce(entry.getKey(), entry.getValue(), other -> Colocated.find(hz, other));
    }

    /**
     * The reduction of one chunk; only on the partition thread of the chunk's partition, which
     * is where the second operand of dot is read from the record store ({@code stored}).
     */
    Partial reduce(ChunkKey key, Chunk stored, Function<ChunkKey, Chunk> colocated) {
        Chunk chunk = checked(key, stored, version);
        double[] a = chunk.values;
        int n = a.length;
        return switch (kind) {
            case SUM -> new Partial(Kernels.sum(a, 0, n), 0, 0, 1);
            case NORM2 -> new Partial(Kernels.dot(a, a, 0, n), 0, 0, 1);
            case DOT -> {
                ChunkKey otherKey = key.of(other);
                double[] b = checked(otherKey, colocated.apply(otherKey), otherVersion).values;
                yield new Partial(Kernels.dot(a, b, 0, n), 0, 0, 1);
            }
            case MIN, MAX -> new Partial(0, Kernels.min(a, 0, n), Kernels.max(a, 0, n), 1);
        };
    }

    static Chunk checked(ChunkKey key, Chunk chunk, long expected) {
        if (chunk == null || chunk.version != expected) {
            throw new VectorConflictException("vector " + key.vector() + " changed during the read (chunk "
                    + key.index() + " is " + (chunk == null ? "missing" : "at version " + chunk.version)
                    + ", expected " + expected + "); re-run it");
        }
        return chunk;
    }

    @Override
    public EntryProcessor<ChunkKey, Chunk, Partial> getBackupProcessor() {
        return null;
    }
}
