package io.jobgrid.grid.internal;

import com.hazelcast.internal.services.ServiceNamespace;
import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.BackupAwareOperation;
import com.hazelcast.spi.impl.operationservice.BackupOperation;
import com.hazelcast.spi.impl.operationservice.Operation;

import java.io.IOException;

/**
 * A {@link PartitionUpdate} as a Hazelcast partition operation of the map service: it runs on the
 * partition thread of the partition's owner, and Hazelcast sends its {@link Backup} to each backup
 * replica and waits for their acknowledgements before it answers, exactly as for a map write.
 *
 * <p>What makes a map write safe holds here too: the invocation is routed to the partition's
 * current owner and retried when the partition migrates or its owner dies (not a read-only
 * operation, so it waits while the partition migrates); as a {@link ServiceNamespaceAware}
 * operation on the map's namespace, its backup bumps that namespace's replica versions, so
 * Hazelcast's anti-entropy re-syncs a backup replica that missed it. No backup is sent for a
 * failed operation, nor for one that changed nothing.
 */
class UpdateOperation extends Operation implements BackupAwareOperation, ServiceNamespaceAware,
        IdentifiedDataSerializable {
    /** The factory id of these operations, registered on every member by {@link Internals#configure}. */
    static final int FACTORY_ID = 7100;
    private static final int PRIMARY = 1;
    private static final int BACKUP = 2;

    private PartitionUpdate<?, ?> update;
    private transient int changed;

    UpdateOperation() {
    }

    UpdateOperation(PartitionUpdate<?, ?> update) {
        this.update = update;
    }

    @Override
    public void run() {
        changed = update.apply(LocalReplicas.of(getNodeEngine(), update.map(), getPartitionId()));
    }

    /** How many entries the primary changed. */
    @Override
    public Object getResponse() {
        return changed;
    }

    @Override
    public boolean shouldBackup() {
        return changed > 0;
    }

    @Override
    public int getSyncBackupCount() {
        return LocalReplicas.backupCount(getNodeEngine(), update.map());
    }

    @Override
    public int getAsyncBackupCount() {
        return 0;
    }

    @Override
    public Operation getBackupOperation() {
        return new Backup(update.forBackup());
    }

    @Override
    public String getServiceName() {
        return MapService.SERVICE_NAME;
    }

    @Override
    public ServiceNamespace getServiceNamespace() {
        return MapService.getObjectNamespace(update.map());
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
        out.writeObject(update);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        update = in.readObject();
    }

    /** What Hazelcast's logs (slow operations, invocation failures) say about this operation. */
    @Override
    protected void toString(StringBuilder sb) {
        super.toString(sb);
        sb.append(", ").append(update);
    }

    /** The same change on a backup replica of the partition. */
    static final class Backup extends Operation implements BackupOperation, ServiceNamespaceAware,
            IdentifiedDataSerializable {
        private PartitionUpdate<?, ?> update;

        Backup() {
        }

        Backup(PartitionUpdate<?, ?> update) {
            this.update = update;
        }

        @Override
        public void run() {
            update.apply(LocalReplicas.of(getNodeEngine(), update.map(), getPartitionId()));
        }

        @Override
        public String getServiceName() {
            return MapService.SERVICE_NAME;
        }

        @Override
        public ServiceNamespace getServiceNamespace() {
            return MapService.getObjectNamespace(update.map());
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
            out.writeObject(update);
        }

        @Override
        protected void readInternal(ObjectDataInput in) throws IOException {
            update = in.readObject();
        }

        @Override
        protected void toString(StringBuilder sb) {
            super.toString(sb);
            sb.append(", ").append(update);
        }
    }

    /** Creates the operations when they arrive at a member. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int classId) {
            return switch (classId) {
                case PRIMARY -> new UpdateOperation();
                case BACKUP -> new Backup();
                default -> throw new IllegalArgumentException("no jobgrid partition operation with class id " + classId);
            };
        }
    }
}
