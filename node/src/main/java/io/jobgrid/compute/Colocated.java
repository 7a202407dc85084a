package io.jobgrid.compute;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngine;
import io.jobgrid.cluster.GridNames;

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
        int partitionId = nodeEngine.getPartitionService().getPartitionId(data);
        MapServiceContext context = nodeEngine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        RecordStore<?> store = context.getExistingRecordStore(partitionId, GridNames.VECTOR_CHUNKS);
        if (store == null) {
            return null;
        }
        Record<?> record = store.getRecord(data);
        return record == null ? null : (Chunk) record.getValue();
    }
}
