package io.jobgrid.grid.internal;

import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.services.ServiceNamespace;
import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.BackupAwareOperation;
import com.hazelcast.spi.impl.operationservice.BackupOperation;
import com.hazelcast.spi.impl.operationservice.Operation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings entries of one partition in from the map's store where the partition holds none, as one
 * partition operation: on the owner's partition thread it finds which of the keys are absent,
 * reads those from the map store and puts them in as loaded (not to be written back), and its
 * backup puts the same values on each backup replica before the answer.
 *
 * <p>Why not Hazelcast's own bulk loads: {@code IMap.loadAll} and the initial load check what
 * memory holds, read the store on another thread, then put what they read, so an entry changed
 * in between gets its older stored copy back. Here the check, the read and the put are one step
 * of the partition thread. And why not {@code getAll}: its loads are not backed up, so a loaded
 * entry would live on its owner only until it is next replaced.
 */
final class LoadMissingOperation extends Operation
        implements BackupAwareOperation, ServiceNamespaceAware, IdentifiedDataSerializable {
    static final int CLASS_ID = 3;

    private String map;
    private List<Data> keys;
    private transient List<Data> loadedKeys = List.of();
    private transient List<Data> loadedValues = List.of();

    LoadMissingOperation() {
    }

    LoadMissingOperation(String map, List<Data> keys) {
        this.map = map;
        this.keys = keys;
    }

    @Override
    public void run() {
        MapService maps = getService();
        RecordStore<?> store = maps.getMapServiceContext().getRecordStore(getPartitionId(), map);
        store.checkIfLoaded(); // as every map operation: retried while the map's initial load runs
        List<Data> missing = new ArrayList<>();
        for (Data key : keys) {
            if (store.getRecord(key) == null) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        loadedKeys = new ArrayList<>();
        loadedValues = new ArrayList<>();
        Map<?, ?> found = store.getMapDataStore().loadAll(missing);
        for (Map.Entry<?, ?> e : found.entrySet()) {
            Data key = getNodeEngine().toData(e.getKey());
            if (e.getValue() != null && store.getRecord(key) == null) {
                store.putFromLoad(key, e.getValue(), getCallerAddress());
                loadedKeys.add(key);
                loadedValues.add(getNodeEngine().toData(e.getValue()));
            }
        }
    }

    /** How many entries it brought in. */
    @Override
    public Object getResponse() {
        return loadedKeys.size();
    }

    @Override
    public boolean shouldBackup() {
        return !loadedKeys.isEmpty();
    }

    @Override
    public int getSyncBackupCount() {
        return LocalReplicas.backupCount(getNodeEngine(), map);
    }

    @Override
    public int getAsyncBackupCount() {
        return 0;
    }

    @Override
    public Operation getBackupOperation() {
        return new Backup(map, loadedKeys, loadedValues);
    }

    @Override
    public String getServiceName() {
        return MapService.SERVICE_NAME;
    }

    @Override
    public ServiceNamespace getServiceNamespace() {
        return MapService.getObjectNamespace(map);
    }

    @Override
    public int getFactoryId() {
        return UpdateOperation.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        out.writeString(map);
        writeAll(out, keys);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        map = in.readString();
        keys = readAll(in);
    }

    @Override
    protected void toString(StringBuilder sb) {
        super.toString(sb);
        sb.append(", load missing of ").append(keys.size()).append(" keys of ").append(map);
    }


    private static void writeAll(ObjectDataOutput out, List<Data> all) throws IOException {
        out.writeInt(all.size());
        for (Data d : all) {
            IOUtil.writeData(out, d);
        }
    }

    private static List<Data> readAll(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<Data> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(IOUtil.readData(in));
        }
        return all;
    }

    /** The loaded values, put on a backup replica as loaded. */
    static final class Backup extends Operation implements BackupOperation, ServiceNamespaceAware,
            IdentifiedDataSerializable {
        static final int CLASS_ID = 4;

        private String map;
        private List<Data> keys;
        private List<Data> values;

        Backup() {
        }

        Backup(String map, List<Data> keys, List<Data> values) {
            this.map = map;
            this.keys = keys;
            this.values = values;
        }

        @Override
        public void run() {
            MapService maps = getService();
            RecordStore<?> store = maps.getMapServiceContext().getRecordStore(getPartitionId(), map, true);
            for (int i = 0; i < keys.size(); i++) {
                store.putFromLoadBackup(keys.get(i), values.get(i));
            }
        }

        @Override
        public String getServiceName() {
            return MapService.SERVICE_NAME;
        }

        @Override
        public ServiceNamespace getServiceNamespace() {
            return MapService.getObjectNamespace(map);
        }

        @Override
        public int getFactoryId() {
            return UpdateOperation.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }

        @Override
        protected void writeInternal(ObjectDataOutput out) throws IOException {
            out.writeString(map);
            writeAll(out, keys);
            writeAll(out, values);
        }

        @Override
        protected void readInternal(ObjectDataInput in) throws IOException {
            map = in.readString();
            keys = readAll(in);
            values = readAll(in);
        }
    }
}
