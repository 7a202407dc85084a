package io.jobgrid.grid.internal;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.test.HazelcastTestSupport;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every call of the internals door, against real in-JVM members (mock network), each with an
 * assertion that fails if the Hazelcast internal behind it changed. Run it first after a Hazelcast
 * upgrade, then the vector and membership suites. A member's connections, which the mock network
 * does not have, are checked on two members joined over real loopback sockets.
 */
class InternalsTest {
    static final String MAP = "internals-test";
    static final String STORED = "internals-stored";
    static final Map<String, String> STORE = new ConcurrentHashMap<>();
    static final List<String> STORE_WRITES = new CopyOnWriteArrayList<>();
    private static TestHazelcastInstanceFactory factory;
    private static HazelcastInstance owner;
    private static HazelcastInstance backup;

    @BeforeAll
    static void start() {
        factory = new TestHazelcastInstanceFactory(2);
        owner = factory.newHazelcastInstance(config());
        backup = factory.newHazelcastInstance(config());
        HazelcastTestSupport.assertClusterSizeEventually(2, owner, backup);
    }

    @AfterAll
    static void stop() {
        factory.terminateAll();
    }

    static Config config() {
        Config config = HazelcastTestSupport.smallInstanceConfigWithoutJetAndMetrics();
        config.addMapConfig(new MapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1));
        config.addMapConfig(new MapConfig(STORED).setBackupCount(1).setMapStoreConfig(new MapStoreConfig()
                .setEnabled(true).setImplementation(new TestStore())));
        Internals.configure(config.getSerializationConfig());
        return config;
    }

    @Test
    void runsATaskOnTheThreadThatRunsThePartitionsOperations() {
        String key = keyOwnedBy(owner);
        int partition = partitionOf(key);
        IMap<String, long[]> map = owner.getMap(MAP);
        map.put(key, new long[] {1});

        String taskThread = onPartitionThread(owner, partition, () -> Thread.currentThread().getName());

        String operationThread = map.executeOnKey(key, (EntryProcessor<String, long[], String>) e ->
                Thread.currentThread().getName());
        assertThat(taskThread).isEqualTo(operationThread).contains("partition-operation");
    }

    @Test
    void ownsPartitionOnlyWhereThePrimaryReplicaIs() {
        int partition = partitionOf(keyOwnedBy(owner));

        boolean onOwner = onPartitionThread(owner, partition, () -> Internals.of(owner).ownsPartition(partition));
        boolean onBackup = onPartitionThread(backup, partition, () -> Internals.of(backup).ownsPartition(partition));

        assertThat(onOwner).isTrue();
        assertThat(onBackup).isFalse();
    }

    @Test
    void readsTheStoredObjectItselfOnThePrimaryAndTheBackupReplica() {
        String key = keyOwnedBy(owner);
        int partition = partitionOf(key);
        owner.<String, long[]>getMap(MAP).put(key, new long[] {42});
        Internals door = Internals.of(owner);

        long[][] primaryTwice = onPartitionThread(owner, partition, () -> new long[][] {
            door.storedValue(MAP, key), door.<String, long[]>storedValues(MAP, partition).apply(key)});
        long[] onBackup = onPartitionThread(backup, partition, () -> Internals.of(backup).storedValue(MAP, key));
        long[] absent = onPartitionThread(owner, partition, () -> Internals.of(owner).storedValue(MAP, key + "-absent"));
        primaryTwice[0][0] = 43;

        assertThat(primaryTwice[1]).as("both reads return the stored object, not copies").isSameAs(primaryTwice[0]);
        assertThat(owner.<String, long[]>getMap(MAP).get(key)).as("a change to it is the map's").containsExactly(43);
        assertThat(onBackup).containsExactly(42);
        assertThat(absent).isNull();
    }

    @Test
    void updatesThePrimaryThenTheBackupReplicaAndBumpsTheMapsReplicaVersions() {
        String key = keyOwnedBy(owner);
        int partition = partitionOf(key);
        owner.<String, long[]>getMap(MAP).put(key, new long[] {0, 0});
        long[] ownerVersionsBefore = replicaVersions(owner, partition);
        long[] backupVersionsBefore = replicaVersions(backup, partition);

        int changed = Internals.of(backup).updatePartition(partition, new Increment(key, false, false)).join();

        assertThat(changed).isEqualTo(1);
        assertThat(storedOn(owner, key)).containsExactly(1, 0);
        assertThat(storedOn(backup, key)).as("the backup ran, once acknowledged").containsExactly(1, 1);
        assertThat(replicaVersions(owner, partition)[0]).isGreaterThan(ownerVersionsBefore[0]);
        assertThat(replicaVersions(backup, partition)[0]).isGreaterThan(backupVersionsBefore[0]);
    }

    @Test
    void putsANewEntryOnThePrimaryAndEachBackupReplicaAndTheMapSeesIt() {
        String key = keyOwnedBy(owner);
        int partition = partitionOf(key);
        String other = IntStream.range(0, 10_000).mapToObj(i -> "elsewhere-" + i).filter(k -> partitionOf(k) != partition)
                .findFirst().orElseThrow();

        int changed = Internals.of(backup).updatePartition(partition, new Create(key, false)).join();
        CompletableFuture<Integer> misplaced = Internals.of(owner).updatePartition(partition, new Create(other, false));

        assertThat(changed).isEqualTo(1);
        assertThat(storedOn(owner, key)).as("put by the primary").containsExactly(7, 0);
        assertThat(storedOn(backup, key)).as("made by the backup operation before the answer").containsExactly(7, 1);
        assertThat(owner.<String, long[]>getMap(MAP).get(key)).containsExactly(7, 0);
        assertThat(Internals.of(owner).updatePartition(partition, new Create(key, false)).join())
                .as("already there: nothing put, no backup").isZero();
        assertThatThrownBy(misplaced::join).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("does not belong to partition " + partition);
        assertThat(owner.getMap(MAP).containsKey(other)).isFalse();
    }

    @Test
    void loadsFromTheMapStoreOnlyWhatAPartitionLacksAndBacksItUpWithoutWritingItBack() {
        String live = keyOwnedBy(owner);
        int partition = partitionOf(live);
        String missing = IntStream.range(0, 10_000).mapToObj(i -> "stored-" + i).filter(k -> partitionOf(k) == partition)
                .findFirst().orElseThrow();
        owner.<String, String>getMap(STORED).put(live, "in memory");
        STORE.put(live, "an older copy");
        STORE.put(missing, "stored");
        STORE_WRITES.clear();

        int loaded = Internals.of(backup).loadMissing(STORED, partition, List.of(live, missing)).join();

        assertThat(loaded).isEqualTo(1);
        assertThat(storedOn(owner, partition, live)).as("an entry in memory is never replaced").isEqualTo("in memory");
        assertThat(storedOn(owner, partition, missing)).isEqualTo("stored");
        assertThat(storedOn(backup, partition, missing)).as("the backup replica got it before the answer")
                .isEqualTo("stored");
        assertThat(STORE_WRITES).as("a loaded entry is not written back").isEmpty();
        assertThat(Internals.of(owner).loadMissing(STORED, partition, List.of(live, missing)).join())
                .as("nothing left to load").isZero();
    }

    @Test
    void aRefusedUpdateAnswersItsExceptionAndReachesNoBackup() {
        String key = keyOwnedBy(owner);
        owner.<String, long[]>getMap(MAP).put(key, new long[] {0, 0});
        Increment refusing = new Increment(key, false, true);

        CompletableFuture<Integer> refused = Internals.of(owner).updatePartition(partitionOf(key), refusing);

        assertThatThrownBy(refused::join).hasRootCauseInstanceOf(IllegalStateException.class).rootCause()
                .hasMessage("refused " + key);
        assertThat(storedOn(backup, key)).containsExactly(0, 0);
    }

    /**
     * The master pauses its partition tasks (as after a failed migration): a departed member's
     * partitions keep it as their owner until the pause is lifted.
     */
    @Test
    void resumesThePartitionTasksTheMasterPausedSoADepartedMembersBackupsArePromoted() {
        TestHazelcastInstanceFactory three = new TestHazelcastInstanceFactory(3);
        try {
            HazelcastInstance master = three.newHazelcastInstance(config());
            HazelcastInstance other = three.newHazelcastInstance(config());
            HazelcastInstance victim = three.newHazelcastInstance(config());
            HazelcastTestSupport.assertClusterSizeEventually(3, master, other, victim);
            Address departed = victim.getCluster().getLocalMember().getAddress();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestInternals.ownsPartitions(master, departed)
                    && master.getPartitionService().isClusterSafe());
            TestInternals.pausePartitionTasks(master);
            victim.getLifecycleService().terminate();
            HazelcastTestSupport.assertClusterSizeEventually(2, master, other);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> TestInternals.ownsPartitions(master, departed));

            boolean resumedElsewhere = Internals.of(other).resumePartitionTasks();
            boolean resumedOnMaster = Internals.of(master).resumePartitionTasks();

            assertThat(resumedElsewhere).as("only the master resumes").isFalse();
            assertThat(resumedOnMaster).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !TestInternals.ownsPartitions(master, departed));
            assertThat(Internals.of(master).resumePartitionTasks()).as("nothing paused any more").isFalse();
        } finally {
            three.terminateAll();
        }
    }

    @Test
    void seesEachMemberConnectionsOutputPipelineAndClosesIt() {
        String cluster = "internals-" + UUID.randomUUID();
        HazelcastInstance a = Hazelcast.newHazelcastInstance(TestInternals.loopbackMember(cluster));
        HazelcastInstance b = Hazelcast.newHazelcastInstance(TestInternals.loopbackMember(cluster));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.getCluster().getMembers().size() == 2);
            UUID peer = b.getCluster().getLocalMember().getUuid();
            Internals door = Internals.of(a);
            List<MemberConnection> toB = await().atMost(Duration.ofSeconds(10)).until(() -> door.memberConnections()
                    .stream().filter(c -> peer.equals(c.peer())).toList(), list -> !list.isEmpty());
            long start = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> sendToB(a)
                    && toB.stream().anyMatch(c -> c.alive() && c.lastWriteMillis() >= start));
            assertThat(door.memberConnections()).as("one object per connection, equal from call to call")
                    .containsAll(toB);

            CountDownLatch release = TestInternals.parkOutputThreads(a);
            try {
                // Hazelcast's default write-through lets a calling thread write a frame itself while the
                // pipeline is idle, so one batch may leave without the IO thread: send until one waits
                await().atMost(Duration.ofSeconds(10)).until(() -> sendToB(a)
                        && toB.stream().anyMatch(c -> c.framesWaiting() > 0));
            } finally {
                release.countDown();
            }
            toB.forEach(c -> c.close("InternalsTest closes it"));

            assertThat(toB).allMatch(c -> !c.alive());
            await().atMost(Duration.ofSeconds(20)).until(() -> sendToB(a) && door.memberConnections().stream()
                    .anyMatch(c -> peer.equals(c.peer()) && c.alive() && !toB.contains(c)));
        } finally {
            b.getLifecycleService().terminate();
            a.getLifecycleService().terminate();
        }
    }

    /** Frames for b's partitions (and a's): true, to chain in a condition. */
    private static boolean sendToB(HazelcastInstance a) {
        a.getMap("stall").putAllAsync(IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> i, i -> i)));
        return true;
    }

    /** Runs {@code task} through {@link Internals#runOnPartitionThread} and answers its result. */
    static <T> T onPartitionThread(HazelcastInstance member, int partition, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Internals.of(member).runOnPartitionThread(partition, () -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static long[] storedOn(HazelcastInstance member, String key) {
        long[] value = onPartitionThread(member, partitionOf(key), () -> Internals.of(member).storedValue(MAP, key));
        return value == null ? null : Arrays.copyOf(value, value.length);
    }

    private static String storedOn(HazelcastInstance member, int partition, String key) {
        return onPartitionThread(member, partition, () -> Internals.of(member).storedValue(STORED, key));
    }

    /** The store behind {@link #STORED}: a map in this JVM, which lists no keys for an initial load. */
    static final class TestStore implements MapStore<String, String> {
        @Override
        public void store(String key, String value) {
            STORE_WRITES.add(key);
            STORE.put(key, value);
        }

        @Override
        public void storeAll(Map<String, String> map) {
            map.forEach(this::store);
        }

        @Override
        public void delete(String key) {
            STORE.remove(key);
        }

        @Override
        public void deleteAll(Collection<String> keys) {
            keys.forEach(STORE::remove);
        }

        @Override
        public String load(String key) {
            return STORE.get(key);
        }

        @Override
        public Map<String, String> loadAll(Collection<String> keys) {
            Map<String, String> found = new HashMap<>();
            keys.forEach(k -> {
                if (STORE.containsKey(k)) {
                    found.put(k, STORE.get(k));
                }
            });
            return found;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return List.of();
        }
    }

    private static long[] replicaVersions(HazelcastInstance member, int partition) {
        return Util.getNodeEngine(member).getPartitionService().getPartitionReplicaVersionManager()
                .getPartitionReplicaVersions(partition, MapService.getObjectNamespace(MAP)).clone();
    }

    private static int partitionOf(String key) {
        return owner.getPartitionService().getPartition(key).getPartitionId();
    }

    private static String keyOwnedBy(HazelcastInstance member) {
        return HazelcastTestSupport.generateKeyOwnedBy(member);
    }

    /**
     * Puts {@code {7, 0}} for a key that has no entry ({@code {7, 1}} on a backup replica, to tell
     * the replicas' objects apart); an existing entry is left alone.
     */
    record Create(String key, boolean onBackup) implements PartitionUpdate<String, long[]>, Serializable {
        @Override
        public String map() {
            return MAP;
        }

        @Override
        public int apply(Replica<String, long[]> stored) {
            if (stored.apply(key) != null) {
                return 0;
            }
            stored.put(key, new long[] {7, onBackup ? 1 : 0});
            return 1;
        }

        @Override
        public PartitionUpdate<String, long[]> forBackup() {
            return new Create(key, true);
        }
    }

    /**
     * Adds 1 to element 0 of a stored {@code long[]}; element 1 counts the backups that ran. Refuses
     * (throws, changing nothing) when asked to.
     */
    record Increment(String key, boolean onBackup, boolean refuse)
            implements PartitionUpdate<String, long[]>, Serializable {
        @Override
        public String map() {
            return MAP;
        }

        @Override
        public int apply(Replica<String, long[]> stored) {
            if (refuse) {
                throw new IllegalStateException("refused " + key);
            }
            long[] value = stored.apply(key);
            value[0]++;
            if (onBackup) {
                value[1]++;
            }
            return 1;
        }

        @Override
        public PartitionUpdate<String, long[]> forBackup() {
            return new Increment(key, true, refuse);
        }
    }
}
