package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.api.VectorEval;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An assignment to a new vector ({@code c = x * 2 + y}) on 3 members makes each chunk of
 * {@code c} inside its partition operation, on the primary and on the backup replica: every
 * replica of every chunk holds the exact values, for sizes that end in a partial chunk; a
 * retried operation makes nothing twice; a member that dies midway leaves the chunks it made on
 * their backups, and re-running the expression finishes the vector.
 */
class NewVectorAssignmentTest {
    private static final String EXPR = "c = x * 2 + y";
    private VectorCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** 2,007 elements: 3 chunks sent to the members directly; 12,345: 13 chunks through a Jet job. */
    @ParameterizedTest
    @ValueSource(ints = {2_007, 12_345})
    void everyReplicaOfEveryChunkHoldsTheExactValuesForSizesEndingInAPartialChunk(int size) {
        Vectors vectors = threeMembersWithXAndY(size);

        VectorEval answer = vectors.eval(EXPR);

        assertThat(answer).isEqualTo(VectorEval.ofVector("c", size));
        assertThat(vectors.info("c")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(0L, "ready");
        double[] expected = expected(size);
        assertThat(vectors.slice("c", 0, size)).containsExactly(expected);
        for (int index = 0; index < Layout.chunkCount(size); index++) {
            ChunkKey key = new ChunkKey("c", size, index);
            double[] part = Arrays.copyOfRange(expected, (int) Layout.offset(index),
                    (int) Layout.offset(index) + Layout.chunkLength(size, index));
            List<double[]> replicas = replicasOf(key);
            assertThat(replicas).as("chunk %d on its primary and its one backup", index).hasSize(2);
            for (double[] replica : replicas) {
                assertThat(replica).as("a replica of chunk %d", index).containsExactly(part);
            }
        }
    }

    @Test
    void aRetriedOperationMakesNothingTwiceAndAChunkAlreadyThereIsAConflictThatMakesNothing() {
        int size = 60 * Layout.CHUNK_SIZE + 9;
        threeMembersWithXAndY(size);
        HazelcastInstance member = cluster.members.get(0);
        EvalWork work = new EvalWork(EXPR, size, new String[] {"x", "y"}, new long[] {0, 0}, EvalWork.NEW, 0);
        Map<Integer, List<Integer>> byPartition = chunksByPartition(size);
        int[] shared = firstWithAtLeast(byPartition, 2);
        int sharedPartition = partitionOf(new ChunkKey("c", size, shared[0]));
        byPartition.remove(sharedPartition);
        int[] first = firstWithAtLeast(byPartition, 1);
        int partition = partitionOf(new ChunkKey("c", size, first[0]));

        int made = update(member, partition, new EvalPartition(work, "c", first, false));
        Chunk before = chunks().get(new ChunkKey("c", size, first[0]));
        int again = update(member, partition, new EvalPartition(work, "c", first, false));

        assertThat(made).isEqualTo(first.length);
        assertThat(again).as("a retry finds the chunks made").isZero();
        assertThat(chunks().get(new ChunkKey("c", size, first[0])).values).containsExactly(before.values);

        chunks().put(new ChunkKey("c", size, shared[1]), new Chunk(new double[Layout.CHUNK_SIZE], 3));
        assertThatThrownBy(() -> update(member, sharedPartition, new EvalPartition(work, "c", shared, false)))
                .hasRootCauseInstanceOf(VectorConflictException.class).rootCause()
                .hasMessageContaining("chunk " + shared[1] + " of vector c is at version 3, expected none or version 0");
        assertThat(chunks().containsKey(new ChunkKey("c", size, shared[0]))).as("all or nothing per partition").isFalse();
    }

    @Test
    void anAssignmentToANewVectorStillBeingMadeByALiveMemberIsRefusedAsBusyAndMakesNothing() {
        int size = 10 * Layout.CHUNK_SIZE + 1;
        Vectors vectors = threeMembersWithXAndY(size);
        new Journal(cluster.members.get(0)).beginCreate("c", size, Update.eval(EXPR));

        assertThatThrownBy(() -> vectors.eval(EXPR)).isInstanceOf(VectorConflictException.class)
                .hasMessage("Vector c is busy with eval(" + EXPR + "); try again when it ends");
        assertThatThrownBy(() -> vectors.eval("c = x - y")).isInstanceOf(VectorConflictException.class)
                .hasMessageContaining("busy with eval(" + EXPR + ")");

        assertThat(chunks().keySet()).noneMatch(key -> key.vector().equals("c"));
        assertThatThrownBy(() -> vectors.info("c")).isInstanceOf(NotFoundException.class);
    }

    /**
     * The member running the assignment dies after the partitions it owns were done: their chunks
     * of {@code c} live on in the backups the operations made, {@code c} stays hidden, and the same
     * expression run again from another member takes the create over and makes only the rest.
     */
    @Test
    void aRunnerThatDiesMidwayLeavesItsChunksOnTheirBackupsAndARerunFinishesTheVector() {
        int size = 40 * Layout.CHUNK_SIZE + 17;
        threeMembersWithXAndY(size);
        HazelcastInstance runner = cluster.members.get(0);
        new Journal(runner).beginCreate("c", size, Update.eval(EXPR));
        EvalWork work = new EvalWork(EXPR, size, new String[] {"x", "y"}, new long[] {0, 0}, EvalWork.NEW, 0);
        List<ChunkKey> made = new ArrayList<>();
        chunksByPartition(size).forEach((partition, indices) -> {
            if (runner.getPartitionService().getPartition(new ChunkKey("c", size, indices.get(0))).getOwner()
                    .localMember()) {
                int[] mine = indices.stream().mapToInt(Integer::intValue).toArray();
                assertThat(update(runner, partition, new EvalPartition(work, "c", mine, false))).isEqualTo(mine.length);
                indices.forEach(index -> made.add(new ChunkKey("c", size, index)));
            }
        });
        assertThat(made).isNotEmpty().hasSizeLessThan(Layout.chunkCount(size));

        runner.getLifecycleService().terminate();
        Vectors survivor = cluster.vectors(1);

        double[] expected = expected(size);
        IMap<ChunkKey, Chunk> chunks = cluster.members.get(1).getMap(GridNames.VECTOR_CHUNKS);
        for (ChunkKey key : made) {
            int from = (int) Layout.offset(key.index());
            assertThat(chunks.get(key).values).as("chunk %d, from its backup", key.index())
                    .containsExactly(Arrays.copyOfRange(expected, from, from + Layout.chunkLength(size, key.index())));
        }
        assertThatThrownBy(() -> survivor.info("c")).isInstanceOf(NotFoundException.class);
        assertThat(survivor.eval(EXPR)).isEqualTo(VectorEval.ofVector("c", size));
        assertThat(survivor.info("c")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(0L, "ready");
        assertThat(survivor.slice("c", 0, size)).containsExactly(expected);
    }

    private Vectors threeMembersWithXAndY(int size) {
        cluster = new VectorCluster(3);
        Vectors vectors = cluster.vectors(2);
        vectors.create("x", size, VectorInit.range(-(size / 2.0), 0.5));
        vectors.create("y", size, VectorInit.random(5));
        return vectors;
    }

    private static double[] expected(int size) {
        double[] x = Reference.of(size, VectorInit.range(-(size / 2.0), 0.5));
        double[] y = Reference.of(size, VectorInit.random(5));
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            c[i] = x[i] * 2 + y[i];
        }
        return c;
    }

    private IMap<ChunkKey, Chunk> chunks() {
        return cluster.members.get(0).getMap(GridNames.VECTOR_CHUNKS);
    }

    private int partitionOf(ChunkKey key) {
        return cluster.members.get(0).getPartitionService().getPartition(key).getPartitionId();
    }

    private Map<Integer, List<Integer>> chunksByPartition(int size) {
        int count = Layout.chunkCount(size);
        int[] indices = new int[count];
        int[] partitions = new int[count];
        for (int index = 0; index < count; index++) {
            indices[index] = index;
            partitions[index] = partitionOf(new ChunkKey("c", size, index));
        }
        return Colocated.byPartition(indices, partitions);
    }

    /** The chunk indices of the first partition holding at least {@code n} of them. */
    private static int[] firstWithAtLeast(Map<Integer, List<Integer>> byPartition, int n) {
        return byPartition.values().stream().filter(indices -> indices.size() >= n).findFirst().orElseThrow()
                .stream().mapToInt(Integer::intValue).toArray();
    }

    private static int update(HazelcastInstance member, int partition, EvalPartition update) {
        return Internals.of(member).updatePartition(partition, update).join();
    }

    /** The values of every replica of a chunk held by the members, each read on its partition thread. */
    private List<double[]> replicasOf(ChunkKey key) {
        int partition = partitionOf(key);
        List<double[]> replicas = new ArrayList<>();
        for (HazelcastInstance member : cluster.members) {
            Chunk chunk = onPartitionThread(member, partition, () -> Colocated.find(member, key));
            if (chunk != null) {
                replicas.add(chunk.values.clone());
            }
        }
        return replicas;
    }

    private static <T> T onPartitionThread(HazelcastInstance member, int partition, Supplier<T> task) {
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
}
