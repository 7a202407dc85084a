/**
 * The one door to Hazelcast's internals. Every use jobgrid makes of classes that are not
 * Hazelcast's public API ({@code com.hazelcast.**.impl.**}, {@code com.hazelcast.**.internal.**},
 * {@code com.hazelcast.jet.impl.util.Util.getNodeEngine}) is here, behind
 * {@link io.jobgrid.grid.internal.Internals}, in jobgrid's terms; no other package imports them.
 * This package imports nothing of jobgrid except {@code io.jobgrid.api}: callers hand it what they
 * want done as objects of its own types ({@link io.jobgrid.grid.internal.PartitionUpdate}).
 *
 * <h2>The calls, and why the public API does not suffice</h2>
 * <ul>
 * <li>{@link io.jobgrid.grid.internal.Internals#storedValue} and
 * {@link io.jobgrid.grid.internal.Internals#storedValues}: the value of a key as this member stores
 * it in a partition's record store ({@code MapService}, {@code RecordStore.getRecord}), primary or
 * backup replica, the object itself for a map in OBJECT format. The vectors read the other
 * operand's chunk (axpy, mul, dot) and a partition's chunks this way. The public API reads an entry
 * through an operation that copies it; an entry processor sees one entry.</li>
 * <li>{@link io.jobgrid.grid.internal.Internals#runOnPartitionThread} and
 * {@link io.jobgrid.grid.internal.Internals#ownsPartition}: a task on this member's partition
 * thread ({@code PartitionSpecificRunnable} on {@code OperationServiceImpl}), ordered with the
 * partition's updates and migrations, and whether this member holds the partition's primary
 * ({@code IPartition.isLocal}). The vector reductions run so, one task per partition. The public
 * API runs code on a partition thread only as an entry processor, one operation per key set, with
 * its locking checks and a result per entry.</li>
 * <li>{@link io.jobgrid.grid.internal.Internals#updatePartition}: a backup-aware partition
 * operation of the map service ({@code Operation}, {@code BackupAwareOperation},
 * {@code BackupOperation}; {@code ServiceNamespaceAware} on the map's namespace, so its backups
 * bump the namespace's replica versions and anti-entropy re-syncs a backup that missed one),
 * invoked on the partition ({@code OperationService.invokeOnPartitionAsync}): retried at the new
 * owner when the partition migrates or its owner dies, answered once the backups acknowledged.
 * The change itself is a {@link io.jobgrid.grid.internal.PartitionUpdate} of the caller's (the
 * vectors' in-place updates: all or nothing per partition, exactly once per chunk through chunk
 * versions). It reads the partition's replica as {@code storedValues} does and may put new entries
 * into it ({@link io.jobgrid.grid.internal.PartitionUpdate.Replica#put}): on the primary as an entry
 * processor's write does ({@code RecordStore.setWithUncountedAccess}), on a backup replica as its
 * backup does ({@code RecordStore.putBackupForEntryProcessor}); the vectors' assignment to a new
 * vector makes its chunks so, each computed and stored once per replica, where the public API would
 * need a first pass to create the entries. Its factory id is 7100, class ids 1 (primary) and 2 (backup), registered by
 * {@link io.jobgrid.grid.internal.Internals#configure}. The public API's entry processors do the
 * same per key, at twice the partition threads' time (see the vectors package).</li>
 * <li>{@link io.jobgrid.grid.internal.Internals#loadMissing}: the same kind of operation (class
 * ids 3 and 4) that reads the record store ({@code RecordStore.getRecord}), loads the keys it
 * lacks through the map's store ({@code RecordStore.getMapDataStore().loadAll}) and puts them in
 * as loaded ({@code putFromLoad}, {@code putFromLoadBackup} on the backups), all on the partition
 * thread. The public API's bulk loads ({@code IMap.loadAll}, the initial load) read the store on
 * another thread and then overwrite whatever changed meanwhile; its {@code getAll} loads without
 * backups. The durable history uses it to bring unfinished jobs and schedules in.</li>
 * <li>{@link io.jobgrid.grid.internal.Internals#memberConnections}: this member's connections to
 * other members and their NIO output pipelines ({@code ServerConnectionManager},
 * {@code TcpServerConnection}, {@code NioChannel}, {@code NioOutboundPipeline}: frames waiting,
 * last write), which the membership stall guard reads to close a connection whose frames stopped
 * leaving. The public API says nothing about connections.</li>
 * <li>{@link io.jobgrid.grid.internal.Internals#resumePartitionTasks}: lifts the pause the master
 * puts on its partition tasks after a failed migration ({@code InternalPartitionServiceImpl}), so
 * a departed member's backups are promoted at once instead of 3 s later (see {@code Promotions}).
 * The public API has no way to ask for that.</li>
 * </ul>
 *
 * <h2>Checked against, and how to check an upgrade</h2>
 * Checked against Hazelcast 5.7.0 (Community Edition), the version pinned in the root
 * {@code pom.xml}. After changing it: run {@code InternalsTest} (every call above against real
 * in-JVM members and a loopback pair), then the suites of the callers:
 * {@code mvn -B -pl node -am test -Dtest='InternalsTest,*Vector*,OutboundStallGuardTest,PlacementAndFailoverTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * Tests elsewhere that need internals to provoke a situation (pause the partition tasks, park the
 * output threads) get them from {@code TestInternals} beside {@code InternalsTest}.
 */
package io.jobgrid.grid.internal;
