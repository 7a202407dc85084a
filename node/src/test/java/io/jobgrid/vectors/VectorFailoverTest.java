package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Members die (terminate: no graceful migration) during and between operations: the data
 * survives through backups, an update either completes or fails cleanly and re-running it
 * finishes it, and no chunk is ever updated twice.
 */
class VectorFailoverTest {
    private VectorCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void updatedValuesSurviveTheDeathOfTheChunksOwner() {
        cluster = new VectorCluster(3);
        int victim = ownerIndexOf(new ChunkKey("v", 10_001, 0));
        Vectors vectors = cluster.vectors((victim + 1) % 3);
        vectors.create("v", 10_001, VectorInit.range(0, 1));
        vectors.create("x", 10_001, VectorInit.random(5));
        vectors.add("v", 2);
        vectors.axpy("v", 3, "x");

        cluster.members.get(victim).getLifecycleService().terminate();

        double[] expected = Reference.of(10_001, VectorInit.range(0, 1));
        double[] x = Reference.of(10_001, VectorInit.random(5));
        for (int i = 0; i < expected.length; i++) {
            expected[i] = expected[i] + 2 + 3 * x[i];
        }
        assertThat(vectors.slice("v", 0, 10_001)).containsExactly(expected, within(1e-12));
        assertThat(vectors.info("v").version()).isEqualTo(2);
    }

    @Test
    void everyPartitionsBackupHoldsTheUpdatesWhenAMemberDies() {
        cluster = new VectorCluster(3);
        int size = 12 * Layout.CHUNK_SIZE + 123;
        Vectors vectors = cluster.vectors(0);
        vectors.create("y", size, VectorInit.range(0, 1));
        vectors.create("x", size, VectorInit.random(7));
        vectors.add("y", 2);
        vectors.scale("y", 0.5);
        vectors.axpy("y", 3, "x");
        vectors.mul("y", "x");
        HazelcastInstance victim = cluster.members.get(1);
        Set<ChunkKey> victimsChunks = new HashSet<>();
        for (int i = 0; i < Layout.chunkCount(size); i++) {
            ChunkKey key = new ChunkKey("y", size, i);
            if (victim.getCluster().getLocalMember().equals(victim.getPartitionService().getPartition(key).getOwner())) {
                victimsChunks.add(key);
            }
        }

        victim.getLifecycleService().terminate();

        double[] y = Reference.of(size, VectorInit.range(0, 1));
        double[] x = Reference.of(size, VectorInit.random(7));
        for (int i = 0; i < size; i++) {
            y[i] = ((y[i] + 2) * 0.5 + 3 * x[i]) * x[i];
        }
        assertThat(victimsChunks).as("the victim owned chunks of y, so their backups are what is read").isNotEmpty();
        assertThat(vectors.slice("y", 0, size)).containsExactly(y, within(0.0));
        assertThat(vectors.info("y").version()).isEqualTo(4);
    }

    @Test
    void partitionUpdateSentTwiceAppliesOnceOnPrimaryAndBackup() {
        cluster = new VectorCluster(2);
        int size = 4 * Layout.CHUNK_SIZE;
        Vectors vectors = cluster.vectors(0);
        vectors.create("twice", size, VectorInit.fill(1));
        ChunkKey key = new ChunkKey("twice", size, 0);
        int partition = cluster.members.get(0).getPartitionService().getPartition(key).getPartitionId();
        UpdateChunk add = new UpdateChunk(Update.add(2), 0, 1, 0, false);
        Internals internals = Internals.of(cluster.members.get(0));

        int first = internals.updatePartition(partition, new UpdatePartition(add, "twice", size, new int[] {0})).join();
        int second = internals.updatePartition(partition, new UpdatePartition(add, "twice", size, new int[] {0})).join();

        assertThat(first).as("chunks changed by the first").isEqualTo(1);
        assertThat(second).as("chunks changed by the second").isZero();
        int owner = ownerIndexOf(key);
        cluster.members.get(owner).getLifecycleService().terminate();

        IMap<ChunkKey, Chunk> chunks = cluster.members.get(1 - owner).getMap(GridNames.VECTOR_CHUNKS);
        assertThat(chunks.executeOnKey(key, new SliceChunk(1, 0, 3))).containsOnly(3.0);
    }

    @Test
    void aConflictInOnePartitionsChunkLeavesItsOtherChunksUntouched() {
        cluster = new VectorCluster(1);
        HazelcastInstance member = cluster.members.get(0);
        int size = 60 * Layout.CHUNK_SIZE;
        cluster.vectors(0).create("mixed", size, VectorInit.fill(1));
        int[] pair = twoChunksSharingAPartition(member, "mixed", size);
        IMap<ChunkKey, Chunk> chunks = member.getMap(GridNames.VECTOR_CHUNKS);
        ChunkKey clean = new ChunkKey("mixed", size, pair[0]);
        ChunkKey moved = new ChunkKey("mixed", size, pair[1]);
        chunks.executeOnKey(moved, new UpdateChunk(Update.add(1), 0, 1, 0, false));
        chunks.executeOnKey(moved, new UpdateChunk(Update.add(1), 1, 2, 0, false));
        int partition = member.getPartitionService().getPartition(clean).getPartitionId();
        Internals internals = Internals.of(member);

        assertThatThrownBy(() -> internals.updatePartition(partition, new UpdatePartition(
                new UpdateChunk(Update.add(5), 0, 1, 0, false), "mixed", size, pair)).join())
                .hasRootCauseInstanceOf(VectorConflictException.class)
                .rootCause().hasMessageContaining("chunk " + pair[1] + " of vector mixed is at version 2");
        assertThat(chunks.executeOnKey(clean, new SliceChunk(0, 0, 3))).containsOnly(1.0);
    }

    /** Two chunk indices of a vector of {@code size} that live in the same partition. */
    private static int[] twoChunksSharingAPartition(HazelcastInstance member, String vector, int size) {
        Map<Integer, Integer> firstIn = new HashMap<>();
        for (int index = 0; index < Layout.chunkCount(size); index++) {
            int partition = member.getPartitionService().getPartition(new ChunkKey(vector, size, index)).getPartitionId();
            Integer earlier = firstIn.putIfAbsent(partition, index);
            if (earlier != null) {
                return new int[] {earlier, index};
            }
        }
        throw new AssertionError("no two chunks of " + size + " doubles share a partition");
    }

    @Test
    void updateRacingAMemberDeathCompletesOrFailsCleanlyAndARerunAppliesItExactlyOnce() {
        cluster = new VectorCluster(3);
        long size = 300_000;
        Vectors vectors = cluster.vectors(0);
        vectors.create("race", size, VectorInit.zeros());
        CompletableFuture<VectorInfo> running = CompletableFuture.supplyAsync(() -> vectors.add("race", 1));

        cluster.members.get(2).getLifecycleService().terminate();

        try {
            running.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(VectorConflictException.class).hasMessageContaining("re-run add(1.0)");
            vectors.add("race", 1);
        }
        assertThat(vectors.info("race").state()).isEqualTo("ready");
        assertThat(vectors.sum("race")).isEqualTo(size);
        assertThat(vectors.min("race")).isEqualTo(1);
        assertThat(vectors.max("race")).isEqualTo(1);
    }

    @Test
    void reductionsStayExactWhilePartitionsMigrateToAJoiningMember() {
        cluster = new VectorCluster(2);
        long size = 200_000;
        Vectors vectors = cluster.vectors(0);
        vectors.create("moving", size, VectorInit.fill(1));
        vectors.create("ones", size, VectorInit.fill(1));
        CompletableFuture<HazelcastInstance> joining = CompletableFuture.supplyAsync(cluster::join);

        int reads = 0;
        while (!joining.isDone() || !cluster.members.get(0).getPartitionService().isClusterSafe() || reads < 20) {
            assertThat(vectors.sum("moving")).isEqualTo(size);
            assertThat(vectors.dot("moving", "ones")).isEqualTo(size);
            reads++;
        }

        Member joined = joining.join().getCluster().getLocalMember();
        assertThat(cluster.members.get(0).getPartitionService().getPartitions())
                .anyMatch(p -> joined.equals(p.getOwner()));
        assertThat(cluster.vectors(2).sum("moving")).isEqualTo(size);
    }

    @Test
    void reductionRacingAMemberDeathIsRunAgainAndExact() {
        cluster = new VectorCluster(3);
        long size = 300_000;
        Vectors vectors = cluster.vectors(0);
        vectors.create("survivor", size, VectorInit.fill(1));
        CompletableFuture<Double> running = CompletableFuture.supplyAsync(() -> vectors.sum("survivor"));

        cluster.members.get(2).getLifecycleService().terminate();

        assertThat(running.join()).isEqualTo(size);
        assertThat(vectors.sum("survivor")).isEqualTo(size);
        assertThat(vectors.norm2("survivor")).isEqualTo(Math.sqrt(size));
    }

    @Test
    void interruptedUpdateBlocksReadsUntilTheSameUpdateIsRerunAndThenAppliesOnce() {
        cluster = new VectorCluster(1);
        HazelcastInstance member = cluster.members.get(0);
        Vectors vectors = cluster.vectors(0);
        vectors.create("half", 5_500, VectorInit.fill(1));
        VectorMeta begun = interruptAfterChunks(member, "half", Update.add(2), 3);

        assertThatThrownBy(() -> vectors.sum("half")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("interrupted add(2.0)");
        assertThatThrownBy(() -> vectors.add("half", 5)).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("re-run add(2.0)");
        assertThat(vectors.info("half").state()).isEqualTo("interrupted: add(2.0)");

        VectorInfo done = vectors.add("half", 2);

        assertThat(done.version()).isEqualTo(begun.pending().to());
        assertThat(vectors.min("half")).isEqualTo(3);
        assertThat(vectors.max("half")).isEqualTo(3);
    }

    @Test
    void chunkUpdateSentTwiceAppliesOnce() {
        cluster = new VectorCluster(1);
        Vectors vectors = cluster.vectors(0);
        vectors.create("twice", 10, VectorInit.fill(1));
        IMap<ChunkKey, Chunk> chunks = cluster.members.get(0).getMap(GridNames.VECTOR_CHUNKS);
        ChunkKey key = new ChunkKey("twice", 10, 0);
        UpdateChunk add = new UpdateChunk(Update.add(2), 0, 1, 0, false);

        int first = chunks.executeOnKey(key, add);
        int second = chunks.executeOnKey(key, add);

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(chunks.executeOnKey(key, new SliceChunk(1, 0, 10))).containsOnly(3.0);
    }

    /** Journals {@code update} and applies it to the first {@code done} chunks only, as a dying runner would. */
    private static VectorMeta interruptAfterChunks(HazelcastInstance member, String name, Update update, int done) {
        Journal journal = new Journal(member);
        VectorMeta begun = journal.begin(name, update);
        Set<ChunkKey> some = new HashSet<>();
        for (int i = 0; i < done; i++) {
            some.add(new ChunkKey(name, begun.size(), i));
        }
        Pending p = begun.pending();
        member.<ChunkKey, Chunk>getMap(GridNames.VECTOR_CHUNKS)
                .executeOnKeys(some, new UpdateChunk(update, p.from(), p.to(), 0, false));
        journal.markInterrupted(begun);
        return begun;
    }

    private int ownerIndexOf(ChunkKey key) {
        Member owner = cluster.members.get(0).getPartitionService().getPartition(key).getOwner();
        for (int i = 0; i < cluster.members.size(); i++) {
            if (cluster.members.get(i).getCluster().getLocalMember().equals(owner)) {
                return i;
            }
        }
        throw new AssertionError("no owner for " + key);
    }
}
