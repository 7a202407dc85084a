package io.jobgrid.grid.internal;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngine;

import java.util.function.Function;

/**
 * Reads the values a member stores for a map, straight from the partition's record store: no
 * copy, no deserialisation, no operation. Hazelcast's public API reads an entry through an
 * operation (a copy, or an entry processor for one key), so an entry processor or a partition
 * task cannot read a second entry of its own partition without copying it.
 */
final class LocalReplicas {
    private LocalReplicas() {
    }

    /** The stored value of a key on this member's replica of its partition, or null. */
    static <V> V find(NodeEngine engine, String map, Object key) {
        Data data = engine.toData(key);
        return find(engine, store(engine, map, engine.getPartitionService().getPartitionId(data)), data);
    }

    /** A reader of one partition's replica on this member; it looks the record store up once. */
    static <K, V> Function<K, V> of(NodeEngine engine, String map, int partition) {
        RecordStore<?> store = store(engine, map, partition);
        return key -> find(engine, store, engine.toData(key));
    }

    private static RecordStore<?> store(NodeEngine engine, String map, int partition) {
        MapService maps = engine.getService(MapService.SERVICE_NAME);
        return maps.getMapServiceContext().getExistingRecordStore(partition, map);
    }

    /** The object itself in OBJECT format; a deserialised copy for a map stored in BINARY. */
    @SuppressWarnings("unchecked")
    private static <V> V find(NodeEngine engine, RecordStore<?> store, Data key) {
        if (store == null) {
            return null;
        }
        Record<?> record = store.getRecord(key);
        if (record == null) {
            return null;
        }
        Object value = record.getValue();
        return (V) (value instanceof Data data ? engine.toObject(data) : value);
    }

    /** The configured backup count of a map (from its container: Config.findMapConfig copies the config per call). */
    static int backupCount(NodeEngine engine, String map) {
        MapService maps = engine.getService(MapService.SERVICE_NAME);
        return maps.getMapServiceContext().getMapContainer(map).getBackupCount();
    }
}
