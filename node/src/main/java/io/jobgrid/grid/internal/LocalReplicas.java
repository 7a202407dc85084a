package io.jobgrid.grid.internal;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.wan.impl.CallerProvenance;

import java.util.function.Function;

/**
 * Reads the values a member stores for a map, straight from the partition's record store: no
 * copy, no deserialisation, no operation. Hazelcast's public API reads an entry through an
 * operation (a copy, or an entry processor for one key), so an entry processor or a partition
 * task cannot read a second entry of its own partition without copying it.
 */
final class LocalReplicas {
    /** Hazelcast's "not given" for a write's TTL, max idle and expiry: the map's configuration decides. */
    private static final long UNSET = -1;

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

    /**
     * This member's replica of a partition for a {@link PartitionUpdate}: reads as {@link #of}, and
     * puts as the map's own operations do on the primary (an entry processor's write,
     * {@code setWithUncountedAccess}) or on a backup replica (its backup's,
     * {@code putBackupForEntryProcessor}), with the map's default expiry. Only on the partition's thread.
     */
    static <K, V> PartitionUpdate.Replica<K, V> writable(NodeEngine engine, String map, int partition, boolean backup) {
        return new PartitionUpdate.Replica<>() {
            private RecordStore<?> store = store(engine, map, partition);

            @Override
            public V apply(K key) {
                return find(engine, store, engine.toData(key));
            }

            @Override
            public void put(K key, V value) {
                Data data = engine.toData(key);
                if (engine.getPartitionService().getPartitionId(data) != partition) {
                    throw new IllegalArgumentException("key " + key + " does not belong to partition " + partition);
                }
                if (store == null) {
                    MapService maps = engine.getService(MapService.SERVICE_NAME);
                    store = maps.getMapServiceContext().getRecordStore(partition, map, true);
                }
                if (backup) {
                    store.putBackupForEntryProcessor(data, value, false, UNSET, UNSET, UNSET, CallerProvenance.NOT_WAN);
                } else {
                    store.setWithUncountedAccess(data, value, false, UNSET, UNSET);
                }
            }
        };
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
