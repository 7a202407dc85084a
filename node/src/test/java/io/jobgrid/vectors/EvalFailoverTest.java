package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.api.VectorEval;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Members terminated (no graceful migration) during and after evaluations: a value is exact or a
 * clear error, an assignment to a new vector is complete or absent, one in place is applied once
 * or reported interrupted and finished by re-running it, and the backups hold what was assigned.
 */
class EvalFailoverTest {
    private static final long SIZE = 300_000;
    private VectorCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void valueRacingAMemberDeathIsExactOrAClearError() {
        Vectors vectors = threeMembersWithOnesAndTwos();
        CompletableFuture<Double> running = CompletableFuture.supplyAsync(
                () -> vectors.eval("sum(ones * twos + where(twos > 1, 1, 0))").value());

        cluster.members.get(2).getLifecycleService().terminate();

        try {
            assertThat(running.join()).isEqualTo(3.0 * SIZE);
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(JobGridException.class).hasMessageContaining("ones");
        }
        assertThat(vectors.eval("sum(ones * twos + where(twos > 1, 1, 0))").value()).isEqualTo(3.0 * SIZE);
        assertThat(vectors.eval("dot(ones, twos) / count(ones)").value()).isEqualTo(2.0);
    }

    @Test
    void newVectorRacingAMemberDeathIsCompleteOrAbsent() {
        Vectors vectors = threeMembersWithOnesAndTwos();
        CompletableFuture<VectorEval> running = CompletableFuture.supplyAsync(() -> vectors.eval("c = ones * 2 + twos"));

        cluster.members.get(2).getLifecycleService().terminate();

        try {
            assertThat(running.join()).isEqualTo(VectorEval.ofVector("c", SIZE));
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(JobGridException.class).hasMessageContaining("c was not created");
            assertThatThrownBy(() -> vectors.info("c")).isInstanceOf(NotFoundException.class);
            assertThat(vectors.list()).extracting(VectorInfo::name).doesNotContain("c");
            vectors.eval("c = ones * 2 + twos");
        }
        assertThat(vectors.info("c")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(0L, "ready");
        assertThat(vectors.eval("min(c)").value()).isEqualTo(4.0);
        assertThat(vectors.eval("max(c)").value()).isEqualTo(4.0);
        assertThat(vectors.eval("count(c == 4)").value()).isEqualTo(SIZE);
    }

    @Test
    void inPlaceAssignmentRacingAMemberDeathAppliesOnceOrIsFinishedByARerun() {
        Vectors vectors = threeMembersWithOnesAndTwos();
        CompletableFuture<VectorEval> running = CompletableFuture.supplyAsync(() -> vectors.eval("ones = ones + twos"));

        cluster.members.get(2).getLifecycleService().terminate();

        try {
            running.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(VectorConflictException.class)
                    .hasMessageContaining("re-run eval(ones = ones + twos)");
            assertThatThrownBy(() -> vectors.eval("sum(ones)")).isInstanceOf(VectorConflictException.class);
            vectors.eval("ones = ones + twos");
        }
        assertThat(vectors.info("ones")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(1L, "ready");
        assertThat(vectors.eval("min(ones)").value()).isEqualTo(3.0);
        assertThat(vectors.eval("max(ones)").value()).isEqualTo(3.0);
    }

    @Test
    void assignedValuesSurviveTheDeathOfTheOwnerOfEveryPartition() {
        Vectors vectors = threeMembersWithOnesAndTwos();
        vectors.eval("c = ones * 2 + twos");
        vectors.eval("twos = twos * twos - c");
        Member first = cluster.members.get(0).getPartitionService().getPartition(new ChunkKey("c", SIZE, 0)).getOwner();
        int victim = 0;
        while (!cluster.members.get(victim).getCluster().getLocalMember().equals(first)) {
            victim++;
        }
        Vectors survivor = cluster.vectors((victim + 1) % 3);

        cluster.members.get(victim).getLifecycleService().terminate();

        assertThat(survivor.eval("count(c == 4) + count(twos == 0)").value()).isEqualTo(2.0 * SIZE);
        assertThat(survivor.slice("c", 0, 5)).containsOnly(4.0);
        assertThat(survivor.info("twos").version()).isEqualTo(1);
    }

    @Test
    void aFailedAssignmentToANewVectorLeavesNeitherTheVectorNorAnyChunk() {
        cluster = new VectorCluster(3);
        Vectors vectors = cluster.vectors(1);
        int size = 12 * Layout.CHUNK_SIZE + 123;
        vectors.create("x", size, VectorInit.fill(2));
        IMap<ChunkKey, Chunk> chunks = cluster.members.get(0).getMap(GridNames.VECTOR_CHUNKS);
        chunks.executeOnKey(new ChunkKey("x", size, 7), new UpdateChunk(Update.add(1), 0, 1, 0, false));

        assertThatThrownBy(() -> vectors.eval("c = x * 2")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("c was not created")
                .hasMessageContaining("vector x changed during the read (chunk 7 is at version 1");

        assertThatThrownBy(() -> vectors.info("c")).isInstanceOf(NotFoundException.class);
        assertThat(chunks.keySet()).noneMatch(key -> key.vector().equals("c"));
        assertThat(cluster.members.get(0).getMap(GridNames.VECTORS).containsKey("c")).isFalse();
    }

    @Test
    void aConflictInOnePartitionLeavesItsChunksUntouchedAndTheVectorInterrupted() {
        cluster = new VectorCluster(1);
        Vectors vectors = cluster.vectors(0);
        int size = 60 * Layout.CHUNK_SIZE;
        vectors.create("y", size, VectorInit.fill(1));
        vectors.create("x", size, VectorInit.fill(2));
        IMap<ChunkKey, Chunk> chunks = cluster.members.get(0).getMap(GridNames.VECTOR_CHUNKS);
        int[] pair = twoChunksSharingAPartition(size);
        chunks.executeOnKey(new ChunkKey("x", size, pair[1]), new UpdateChunk(Update.add(1), 0, 1, 0, false));

        assertThatThrownBy(() -> vectors.eval("y = y + x")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("re-run eval(y = y + x)");

        Chunk untouched = chunks.get(new ChunkKey("y", size, pair[0]));
        assertThat(untouched.version()).isZero();
        assertThat(untouched.values).containsOnly(1.0);
        assertThat(vectors.info("y").state()).isEqualTo("interrupted: eval(y = y + x)");
    }

    @Test
    void anInterruptedInPlaceAssignmentIsFinishedByRerunningItAndEachChunkChangesOnce() {
        cluster = new VectorCluster(1);
        Vectors vectors = cluster.vectors(0);
        int size = 12 * Layout.CHUNK_SIZE + 5;
        vectors.create("y", size, VectorInit.fill(1));
        vectors.create("x", size, VectorInit.fill(2));
        HazelcastInstance member = cluster.members.get(0);
        String expr = "y = y * 3 + x";
        Journal journal = new Journal(member);
        VectorMeta begun = journal.begin("y", Update.eval(expr));
        Pending p = begun.pending();
        EvalWork work = new EvalWork(expr, size, new String[] {"y", "x"}, new long[] {p.from(), 0}, p.from(), p.to());
        int partition = member.getPartitionService().getPartition(new ChunkKey("y", size, 0)).getPartitionId();
        Internals.of(member).updatePartition(partition, new EvalPartition(work, "y", new int[] {0}, false)).join();
        journal.markInterrupted(begun);

        assertThatThrownBy(() -> vectors.eval("sum(y)")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("interrupted eval(y = y * 3 + x)");
        assertThatThrownBy(() -> vectors.eval("y = y + 1")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("re-run eval(y = y * 3 + x)");
        vectors.eval(expr);

        assertThat(vectors.eval("count(y == 5)").value()).isEqualTo(size);
        assertThat(vectors.info("y")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(1L, "ready");
    }

    /** Two chunk indices that live in the same partition. */
    private int[] twoChunksSharingAPartition(int size) {
        java.util.Map<Integer, Integer> firstIn = new java.util.HashMap<>();
        for (int index = 0; index < Layout.chunkCount(size); index++) {
            int partition = cluster.members.get(0).getPartitionService().getPartition(new ChunkKey("y", size, index))
                    .getPartitionId();
            Integer earlier = firstIn.putIfAbsent(partition, index);
            if (earlier != null) {
                return new int[] {earlier, index};
            }
        }
        throw new AssertionError("no two chunks share a partition");
    }

    private Vectors threeMembersWithOnesAndTwos() {
        cluster = new VectorCluster(3);
        Vectors vectors = cluster.vectors(0);
        vectors.create("ones", SIZE, VectorInit.fill(1));
        vectors.create("twos", SIZE, VectorInit.fill(2));
        return vectors;
    }
}
