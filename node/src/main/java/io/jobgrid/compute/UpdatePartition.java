package io.jobgrid.compute;

import com.hazelcast.internal.services.ServiceNamespace;
import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.BackupAwareOperation;
import com.hazelcast.spi.impl.operationservice.BackupOperation;
import com.hazelcast.spi.impl.operationservice.Operation;
import io.jobgrid.cluster.GridNames;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;

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
final class UpdatePartition extends Operation implements BackupAwareOperation, ServiceNamespaceAware,
        IdentifiedDataSerializable {
    static final int FACTORY_ID = 7100;
    private static final int PRIMARY = 1;
    private static final int BACKUP = 2;

    private UpdateChunk update;
    private String vector;
    private long size;
    private int[] indices;
    private transient int applied;

    UpdatePartition() {
    }

    UpdatePartition(UpdateChunk update, String vector, long size, int[] indices) {
        this.update = update;
        this.vector = vector;
        this.size = size;
        this.indices = indices;
    }

    @Override
    public void run() {
        applied = applyAll(getNodeEngine(), getPartitionId(), update, vector, size, indices);
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

    @Override
    public int getSyncBackupCount() {
        return backupCount(getNodeEngine());
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
    public String getServiceName() {
        return MapService.SERVICE_NAME;
    }

    @Override
    public ServiceNamespace getServiceNamespace() {
        return MapService.getObjectNamespace(GridNames.VECTOR_CHUNKS);
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PRIMARY;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        write(out, update, vector, size, indices);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        update = in.readObject();
        vector = in.readString();
        size = in.readLong();
        indices = in.readIntArray();
    }

    /** What Hazelcast's logs (slow operations, invocation failures) say about this operation. */
    @Override
    protected void toString(StringBuilder sb) {
        super.toString(sb);
        describe(sb, update, vector, size, indices);
    }

    private static void describe(StringBuilder sb, UpdateChunk update, String vector, long size, int[] indices) {
        sb.append(", update=").append(update.update.describe()).append(" version ").append(update.from)
                .append("->").append(update.to).append(", vector=").append(vector).append(", size=").append(size)
                .append(", chunks=").append(Arrays.toString(indices));
    }

    /**
     * The chunks all live in {@code partition} (the caller grouped them so), x's chunks too. On
     * the primary every chunk is checked before any changes, so a conflict fails the operation
     * with none of its chunks applied: Hazelcast sends no backup for a failed operation, and a
     * partly applied partition would leave its backup behind without a replica version to show it.
     */
    private static int applyAll(NodeEngine engine, int partition, UpdateChunk update, String vector, long size,
                                int[] indices) {
        RecordStore<?> store = Colocated.store(engine, partition);
        Function<ChunkKey, Chunk> stored = key -> Colocated.find(engine, store, key);
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

    /** From the map's container: {@code Config.findMapConfig} builds a copy of the map config per call. */
    private static int backupCount(NodeEngine engine) {
        MapService maps = engine.getService(MapService.SERVICE_NAME);
        return maps.getMapServiceContext().getMapContainer(GridNames.VECTOR_CHUNKS).getBackupCount();
    }

    private static void write(ObjectDataOutput out, UpdateChunk update, String vector, long size, int[] indices)
            throws IOException {
        out.writeObject(update);
        out.writeString(vector);
        out.writeLong(size);
        out.writeIntArray(indices);
    }

    /** The same update on a backup replica of the partition (a chunk not at the expected version is left alone). */
    static final class Backup extends Operation implements BackupOperation, ServiceNamespaceAware,
            IdentifiedDataSerializable {
        private UpdateChunk update;
        private String vector;
        private long size;
        private int[] indices;

        Backup() {
        }

        Backup(UpdateChunk update, String vector, long size, int[] indices) {
            this.update = update;
            this.vector = vector;
            this.size = size;
            this.indices = indices;
        }

        @Override
        public void run() {
            applyAll(getNodeEngine(), getPartitionId(), update, vector, size, indices);
        }

        @Override
        protected void toString(StringBuilder sb) {
            super.toString(sb);
            describe(sb, update, vector, size, indices);
        }

        @Override
        public String getServiceName() {
            return MapService.SERVICE_NAME;
        }

        @Override
        public ServiceNamespace getServiceNamespace() {
            return MapService.getObjectNamespace(GridNames.VECTOR_CHUNKS);
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return BACKUP;
        }

        @Override
        protected void writeInternal(ObjectDataOutput out) throws IOException {
            write(out, update, vector, size, indices);
        }

        @Override
        protected void readInternal(ObjectDataInput in) throws IOException {
            update = in.readObject();
            vector = in.readString();
            size = in.readLong();
            indices = in.readIntArray();
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
