package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngine;
import io.jobgrid.grid.GridNames;

/**
 * Reads the chunk of another vector that lives in the same partition as the chunk an entry
 * processor is working on, straight from the partition's record store: no copy, no
 * deserialisation, no invocation. Only safe on the partition thread that owns that partition,
 * which is where entry processors run (on the primary and on the backups alike).
 *
 * <p>This uses Hazelcast internals (record store), because the public API offers no way to read
 * a second entry of the same partition from an entry processor without copying it.
 */
final class Colocated {
    private Colocated() {
    }

    /** The stored chunk (primary or backup replica held by this member), or null. */
    static Chunk find(HazelcastInstance hz, ChunkKey key) {
        return find(Util.getNodeEngine(hz), key);
    }

    static Chunk find(NodeEngine nodeEngine, ChunkKey key) {
        Data data = nodeEngine.toData(key);
        return find(store(nodeEngine, nodeEngine.getPartitionService().getPartitionId(data)), data);
    }

    /** The chunk map's record store of a partition on this member, or null when it holds none of it. */
    static RecordStore<?> store(NodeEngine nodeEngine, int partitionId) {
        MapServiceContext context = nodeEngine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        return context.getExistingRecordStore(partitionId, GridNames.VECTOR_CHUNKS);
    }

    /** A chunk of a partition whose record store the caller looked up once for all its chunks. */
    static Chunk find(NodeEngine nodeEngine, RecordStore<?> store, ChunkKey key) {
        return find(store, nodeEngine.toData(key));
    }

    private static Chunk find(RecordStore<?> store, Data data) {
        if (store == null) {
            return null;
        }
        Record<?> record = store.getRecord(data);
        return record == null ? null : (Chunk) record.getValue();
    }
}
