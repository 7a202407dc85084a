package io.jobgrid.grid.internal;

import java.util.function.Function;

/**
 * A change to the entries of one map in one partition, run as one Hazelcast partition operation
 * by {@link Internals#updatePartition}: first on the partition thread of the partition's owner,
 * then, when it changed something, as {@link #forBackup()} on each backup replica, and answered
 * once the backups acknowledged (synchronous backups, exactly like a map write).
 *
 * <p>An implementation says what changes, not how it reaches the replicas: it travels through
 * Hazelcast's serialization ({@code ObjectDataOutput.writeObject}), so it needs a serializer
 * registered on every member (or to be {@code DataSerializable} or {@code Serializable}). It
 * must be safe to run again: the invocation is retried at the new owner when the partition
 * migrates or its owner dies, possibly after the change was applied there already.
 *
 * @param <K> the map's key type
 * @param <V> the map's value type, changed in place (the map stores objects: OBJECT format) or put new
 */
public interface PartitionUpdate<K, V> {

    /**
     * The map whose entries it changes: its backup count says how many backups to wait for, and
     * its namespace carries the replica versions that let Hazelcast re-sync a backup that missed
     * the change.
     */
    String map();

    /**
     * Applies the change to this member's replica of the partition, on its partition thread. On
     * the primary it may throw to refuse the change; it must then have changed nothing, since no
     * backup follows a failed operation.
     *
     * @param stored this member's replica of the partition: the stored value of a key of
     *               {@link #map()} (null when absent), the object itself, not a copy; and a put for
     *               a new value
     * @return how many entries it changed; the backups get the change only when that is above 0
     */
    int apply(Replica<K, V> stored);

    /** The same change as run on the backup replicas. */
    PartitionUpdate<K, V> forBackup();

    /**
     * This member's replica of one partition of {@link #map()}, valid during {@link #apply} only,
     * on the partition thread. {@link #apply(Object)} reads a key's stored value (null when
     * absent): the object itself, so a change to it is a change of the map's entry.
     *
     * @param <K> the map's key type
     * @param <V> the map's value type
     */
    interface Replica<K, V> extends Function<K, V> {
        /**
         * Stores {@code value} as the key's entry in this replica, added or replaced, as a map write
         * does on the primary and its backup does on a backup replica (the record, the map's
         * statistics; no events, no map store write: the caller's map has neither). The object is
         * stored itself (OBJECT format), not a copy. The key must belong to this partition.
         */
        void put(K key, V value);
    }
}
