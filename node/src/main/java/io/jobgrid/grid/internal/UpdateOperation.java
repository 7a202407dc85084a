package io.jobgrid.grid.internal;

import com.hazelcast.internal.services.ServiceNamespaceAware;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.BackupAwareOperation;
import com.hazelcast.spi.impl.operationservice.BackupOperation;
import com.hazelcast.spi.impl.operationservice.Operation;

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
class UpdateOperation extends MapPartitionOperation implements BackupAwareOperation {
    /** The factory id of these operations, registered on every member by {@link Internals#configure}. */
    static final int FACTORY_ID = 7100;
    private static final int PRIMARY = 1;
    private static final int BACKUP = 2;

    private transient int changed;

    UpdateOperation() {
    }

    UpdateOperation(PartitionUpdate<?, ?> update) {
        super(update);
    }

    @Override
    public void run() {
        changed = update.apply(LocalReplicas.writable(getNodeEngine(), update.map(), getPartitionId(), false));
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
    public int getClassId() {
        return PRIMARY;
    }

    /** The same change on a backup replica of the partition. */
    static final class Backup extends MapPartitionOperation implements BackupOperation {
        Backup() {
        }

        Backup(PartitionUpdate<?, ?> update) {
            super(update);
        }

        @Override
        public void run() {
            update.apply(LocalReplicas.writable(getNodeEngine(), update.map(), getPartitionId(), true));
        }

        @Override
        public int getClassId() {
            return BACKUP;
        }
    }

    /** Creates the operations when they arrive at a member. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int classId) {
            return switch (classId) {
                case PRIMARY -> new UpdateOperation();
                case BACKUP -> new Backup();
                case LoadMissingOperation.CLASS_ID -> new LoadMissingOperation();
                case LoadMissingOperation.Backup.CLASS_ID -> new LoadMissingOperation.Backup();
                default -> throw new IllegalArgumentException("no jobgrid partition operation with class id " + classId);
            };
        }
    }
}
