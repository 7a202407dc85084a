package io.jobgrid.vectors;

import com.hazelcast.map.impl.MapService;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.BackupAwareOperation;
import com.hazelcast.spi.impl.operationservice.BackupOperation;
import com.hazelcast.spi.impl.operationservice.Operation;
import io.jobgrid.grid.GridNames;

/**
 * An in-place update (add, scale, axpy, mul) of all the chunks of one vector that live in one
 * partition, as one Hazelcast partition operation: it runs on the partition thread of the
 * partition's owner, and Hazelcast sends its {@link Backup} to each backup replica and waits for
 * their acknowledgements before it answers (synchronous backups), exactly as for a map write.
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
 * owner dies (it is not a read-only operation, so it waits while the partition migrates); its
 * backup bumps the replica version of the chunk map's namespace, so Hazelcast's anti-entropy
 * re-syncs a backup that missed it. Exactly once per chunk rests on the chunk versions of
 * {@link UpdateChunk#applyTo}: a retry finds the chunks already done and skips them.
 */
final class UpdatePartition extends PartitionChunks implements BackupAwareOperation {
    static final int FACTORY_ID = 7100;
    private static final int PRIMARY = 1;
    private static final int BACKUP = 2;

    private transient int applied;

    UpdatePartition() {
    }

    UpdatePartition(UpdateChunk update, String vector, long size, int[] indices) {
        super(update, vector, size, indices);
    }

    @Override
    public void run() {
        applied = applyAll();
    }

    /** How many chunks this operation answered for (applied now or found done before). */
    @Override
    public Object getResponse() {
        return indices.length;
    }

    @Override
    public boolean shouldBackup() {
        return applied > 0;
    }

    /** From the map's container: {@code Config.findMapConfig} builds a copy of the map config per call. */
    @Override
    public int getSyncBackupCount() {
        MapService maps = getNodeEngine().getService(MapService.SERVICE_NAME);
        return maps.getMapServiceContext().getMapContainer(GridNames.VECTOR_CHUNKS).getBackupCount();
    }

    @Override
    public int getAsyncBackupCount() {
        return 0;
    }

    @Override
    public Operation getBackupOperation() {
        return new Backup(update.forBackup(), vector, size, indices);
    }

    @Override
    public int getClassId() {
        return PRIMARY;
    }

    /** The same update on a backup replica of the partition (a chunk not at the expected version is left alone). */
    static final class Backup extends PartitionChunks implements BackupOperation {
        Backup() {
        }

        Backup(UpdateChunk update, String vector, long size, int[] indices) {
            super(update, vector, size, indices);
        }

        @Override
        public void run() {
            applyAll();
        }

        @Override
        public int getClassId() {
            return BACKUP;
        }
    }

    /** Registered on every member by {@link VectorSerializers}. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int classId) {
            return switch (classId) {
                case PRIMARY -> new UpdatePartition();
                case BACKUP -> new Backup();
                default -> throw new IllegalArgumentException("no vector operation with class id " + classId);
            };
        }
    }
}
