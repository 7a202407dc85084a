package io.jobgrid.grid.internal;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
import com.hazelcast.spi.impl.operationservice.impl.OperationServiceImpl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one door to Hazelcast's internals: every call jobgrid makes into classes that are not
 * Hazelcast's public API goes through here, in jobgrid's terms, so that a Hazelcast upgrade is
 * checked by running {@code InternalsTest} (see the package documentation for each call and why
 * the public API does not suffice).
 *
 * <p>Cheap to make: it holds the member only, and looks its internals up on each call, so a
 * member that stopped fails the call, not {@link #of}.
 */
public final class Internals {
    private final HazelcastInstance hz;

    private Internals(HazelcastInstance hz) {
        this.hz = hz;
    }

    /** The door of a member (an embedded instance, not a client). */
    public static Internals of(HazelcastInstance hz) {
        return new Internals(hz);
    }

    /**
     * Registers what the door's own operations need on every member: the factory of the partition
     * operations behind {@link #updatePartition}. Every member's configuration must go through it.
     */
    public static void configure(SerializationConfig config) {
        config.addDataSerializableFactory(UpdateOperation.FACTORY_ID, new UpdateOperation.Factory());
    }

    /**
     * On the master, resumes the partition tasks that Hazelcast paused after a failed migration, so
     * a departed member's backups are promoted at once. Does nothing elsewhere; never throws.
     *
     * @return whether it resumed them
     */
    public boolean resumePartitionTasks() {
        return Promotions.unpause(hz);
    }

    /**
     * Runs a task on this member's partition thread of a partition, as Hazelcast runs that
     * partition's operations: one at a time, in order with its updates and migrations. Whether
     * this member owns the partition is for the task to check ({@link #ownsPartition}).
     */
    public void runOnPartitionThread(int partition, Runnable task) {
        OperationServiceImpl operations = (OperationServiceImpl) engine().getOperationService();
        operations.execute(new PartitionSpecificRunnable() {
            @Override
            public int getPartitionId() {
                return partition;
            }

            @Override
            public void run() {
                task.run();
            }
        });
    }

    /**
     * Whether this member holds the primary replica of a partition now; stable only on that
     * partition's thread, where migrations of the partition cannot run meanwhile.
     */
    public boolean ownsPartition(int partition) {
        return engine().getPartitionService().getPartition(partition).isLocal();
    }

    /**
     * The stored value of a key of a map, read from this member's replica of the key's partition
     * (primary or backup), or null when this member holds none: the object itself for a map in
     * OBJECT format, no copy. Only safe on the partition thread of the key's partition (an entry
     * processor's or a {@link #runOnPartitionThread} task's).
     */
    public <V> V storedValue(String map, Object key) {
        return LocalReplicas.find(engine(), map, key);
    }

    /**
     * A reader of the stored values of a map in this member's replica of a partition (primary or
     * backup), for reading many keys of one partition: like {@link #storedValue}, and only on that
     * partition's thread. It sees the replica as it was when made: make it on the partition thread.
     */
    public <K, V> Function<K, V> storedValues(String map, int partition) {
        return LocalReplicas.of(engine(), map, partition);
    }

    /**
     * Invokes a partition update: on the partition thread of the partition's owner, then on each
     * backup replica, answered once the backups acknowledged; retried at the new owner when the
     * partition migrates or its owner dies (see {@link PartitionUpdate}). The update changes stored
     * values in place or puts new entries ({@link PartitionUpdate.Replica#put}), on each replica.
     *
     * @return how many entries the primary changed or added, or the exception the update threw there
     */
    public CompletableFuture<Integer> updatePartition(int partition, PartitionUpdate<?, ?> update) {
        return engine().getOperationService().invokeOnPartitionAsync(MapService.SERVICE_NAME,
                new UpdateOperation(update), partition);
    }

    /**
     * Brings the given keys of one partition of a map in from the map's store, those the partition
     * holds no entry for, in one operation of the partition's owner and with synchronous backups
     * ({@link LoadMissingOperation}); an entry in memory is never replaced. Completes with how many
     * entries it brought in.
     */
    public CompletableFuture<Integer> loadMissing(String map, int partition, Collection<?> keys) {
        List<Data> data = new ArrayList<>(keys.size());
        keys.forEach(k -> data.add(engine().toData(k)));
        return engine().getOperationService().invokeOnPartitionAsync(MapService.SERVICE_NAME,
                new LoadMissingOperation(map, data), partition);
    }

    /** This member's connections to other members, with what their output pipelines are doing. */
    public List<MemberConnection> memberConnections() {
        return MemberConnection.all(engine());
    }

    private NodeEngineImpl engine() {
        return Util.getNodeEngine(hz);
    }
}
