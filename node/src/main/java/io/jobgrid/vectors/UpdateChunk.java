package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.jobgrid.api.VectorConflictException;

import java.util.Map;
import java.util.function.Function;

/**
 * Applies one {@link Update} to one chunk, in place, on the chunk's partition thread; the same
 * processor then runs on each backup replica, so backups stay current without shipping values.
 *
 * <p>Exactly once per chunk: the chunk moves from version {@code from} to {@code to}. A chunk
 * already at {@code to} was updated by an earlier attempt (e.g. the primary died after applying
 * it and Hazelcast retried on the promoted backup, or the caller re-ran an interrupted update)
 * and is left alone. Any other version is a conflict and fails the operation.
 *
 * @return 1 when applied, 0 when the chunk was already at the target version
 */
final class UpdateChunk implements EntryProcessor<ChunkKey, Chunk, Integer>, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    final Update update;
    final long from;
    final long to;
    final long otherVersion;
    final boolean backup;
    private transient HazelcastInstance hz;

    UpdateChunk(Update update, long from, long to, long otherVersion, boolean backup) {
        this.update = update;
        this.from = from;
        this.to = to;
        this.otherVersion = otherVersion;
        this.backup = backup;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public Integer process(Map.Entry<ChunkKey, Chunk> entry) {
        Chunk chunk = entry.getValue();
        ChunkKey key = entry.getKey();
        switch (update.kind()) {
            case CREATE -> {
                if (chunk != null) {
                    return 0;
                }
                double[] values = new double[Layout.chunkLength(key.size(), key.index())];
                update.init().fillInto(values, Layout.offset(key.index()));
                entry.setValue(new Chunk(values, to));
                return 1;
            }
            case DELETE -> {
                entry.setValue(null);
                return chunk == null ? 0 : 1;
            }
            default -> {
                return applyInPlace(key, chunk, entry);
            }
        }
    }

    private Integer applyInPlace(ChunkKey key, Chunk chunk, Map.Entry<ChunkKey, Chunk> entry) {
        int applied = applyTo(key, chunk, other -> Colocated.find(hz, other));
        if (applied == 1) {
            // Same object, but setValue tells Hazelcast the entry changed (backup, stats).
            entry.setValue(chunk);
        }
        return applied;
    }

    /**
     * Applies this in-place update to one stored chunk, on the partition thread that holds it
     * ({@code stored} finds the other operand's chunk there): 1 when applied, 0 when it was not
     * {@link #due}.
     */
    int applyTo(ChunkKey key, Chunk chunk, Function<ChunkKey, Chunk> stored) {
        if (!due(key, chunk, stored)) {
            return 0;
        }
        double[] y = chunk.values;
        switch (update.kind()) {
            case ADD -> Kernels.add(y, 0, y.length, update.scalar());
            case SCALE -> Kernels.scale(y, 0, y.length, update.scalar());
            case AXPY -> Kernels.axpy(y, update.scalar(), operand(key, stored).values, 0, y.length);
            case MUL -> Kernels.mul(y, operand(key, stored).values, 0, y.length);
            default -> throw new IllegalStateException("not an in-place update: " + update.kind());
        }
        chunk.version = to;
        return 1;
    }

    /**
     * Whether this chunk still needs the update, changing nothing: false when it is already at the
     * target version (or, on a backup, when it is not at the expected one: the replica is then
     * re-synced by Hazelcast); on the primary a missing chunk, any other version, or a missing or
     * changed other operand is a conflict.
     */
    boolean due(ChunkKey key, Chunk chunk, Function<ChunkKey, Chunk> stored) {
        if (chunk == null) {
            return fail("chunk " + key.index() + " of vector " + key.vector() + " is missing");
        }
        if (chunk.version == to) {
            return false;
        }
        if (chunk.version != from) {
            return fail("chunk " + key.index() + " of vector " + key.vector() + " is at version "
                    + chunk.version + ", expected " + from + " or " + to);
        }
        if (update.other() != null) {
            operand(key, stored);
        }
        return true;
    }

    /** The other vector's chunk with the same index: same partition, so it is here. */
    private Chunk operand(ChunkKey key, Function<ChunkKey, Chunk> stored) {
        Chunk x = stored.apply(key.of(update.other()));
        if (x == null || (!backup && x.version != otherVersion)) {
            throw new VectorConflictException("vector " + update.other() + " changed or vanished during "
                    + update.describe() + " on " + key.vector() + " (chunk " + key.index() + ")");
        }
        return x;
    }

    /** On a backup a mismatch means the replica will be re-synced by Hazelcast; never throw there. */
    private boolean fail(String message) {
        if (backup) {
            return false;
        }
        throw new VectorConflictException(message);
    }

    @Override
    public EntryProcessor<ChunkKey, Chunk, Integer> getBackupProcessor() {
        return forBackup();
    }

    UpdateChunk forBackup() {
        return new UpdateChunk(update, from, to, otherVersion, true);
    }
}
