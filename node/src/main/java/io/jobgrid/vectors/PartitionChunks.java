package io.jobgrid.vectors;

import com.hazelcast.internal.services.ServiceNamespace;
import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.Operation;
import io.jobgrid.grid.GridNames;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What {@link UpdatePartition} and its backup share: the update, the chunks of one vector in this
 * partition, how they travel, and how they are applied.
 */
abstract class PartitionChunks extends Operation implements ServiceNamespaceAware, IdentifiedDataSerializable {
    UpdateChunk update;
    String vector;
    long size;
    int[] indices;

    PartitionChunks() {
    }

    PartitionChunks(UpdateChunk update, String vector, long size, int[] indices) {
        this.update = update;
        this.vector = vector;
        this.size = size;
        this.indices = indices;
    }

    /**
     * Applies the update to the chunks, which all live in this operation's partition (the
     * caller grouped them so), x's chunks too; answers how many changed. On the primary every
     * chunk is checked before any changes, so a conflict fails the operation with none of its
     * chunks applied: Hazelcast sends no backup for a failed operation, and a partly applied
     * partition would leave its backup behind without a replica version to show it.
     */
    final int applyAll() {
        NodeEngine engine = getNodeEngine();
        RecordStore<?> store = Colocated.store(engine, getPartitionId());
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

    @Override
    public final String getServiceName() {
        return MapService.SERVICE_NAME;
    }

    @Override
    public final ServiceNamespace getServiceNamespace() {
        return MapService.getObjectNamespace(GridNames.VECTOR_CHUNKS);
    }

    @Override
    public final int getFactoryId() {
        return UpdatePartition.FACTORY_ID;
    }

    @Override
    protected final void writeInternal(ObjectDataOutput out) throws IOException {
        out.writeObject(update);
        out.writeString(vector);
        out.writeLong(size);
        out.writeIntArray(indices);
    }

    @Override
    protected final void readInternal(ObjectDataInput in) throws IOException {
        update = in.readObject();
        vector = in.readString();
        size = in.readLong();
        indices = in.readIntArray();
    }

    /** What Hazelcast's logs (slow operations, invocation failures) say about this operation. */
    @Override
    protected final void toString(StringBuilder sb) {
        super.toString(sb);
        sb.append(", update=").append(update.update.describe()).append(" version ").append(update.from)
                .append("->").append(update.to).append(", vector=").append(vector).append(", size=")
                .append(size).append(", chunks=").append(Arrays.toString(indices));
    }
}
