package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.grid.GridNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every operation against a local double[] reference, on sizes that are empty, one element, a
 * few chunks (direct path) and many chunks with a ragged last one (Jet path). Run on 1 and on 3
 * members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VectorOperationsContract {
    private VectorCluster cluster;
    private Vectors vectors;

    abstract int members();

    @BeforeAll
    void startCluster() {
        cluster = new VectorCluster(members());
        vectors = cluster.vectors(members() - 1);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_500, 10_001})
    void createFillsEveryInitKindLikeTheReference(long size) {
        VectorInit[] inits = {VectorInit.zeros(), VectorInit.fill(1.5), VectorInit.range(-3, 0.25), VectorInit.random(42)};

        for (VectorInit init : inits) {
            String name = "create-" + init.kind() + "-" + size;
            VectorInfo info = vectors.create(name, size, init);

            assertThat(info).isEqualTo(new VectorInfo(name, size, VectorCluster.TEST_CHUNK_SIZE,
                    (int) ((size + 999) / 1000), 0, "ready"));
            assertThat(vectors.slice(name, 0, size)).containsExactly(Reference.of(size, init));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_500, 10_001})
    void reductionsMatchTheReference(long size) {
        VectorInit initV = VectorInit.random(7);
        VectorInit initW = VectorInit.range(1, -0.5);
        vectors.create("rv-" + size, size, initV);
        vectors.create("rw-" + size, size, initW);
        double[] v = Reference.of(size, initV);
        double[] w = Reference.of(size, initW);

        double sum = vectors.sum("rv-" + size);
        double dot = vectors.dot("rv-" + size, "rw-" + size);
        double norm2 = vectors.norm2("rw-" + size);

        assertThat(sum).isCloseTo(Reference.sum(v), within(Reference.tolerance(v)));
        assertThat(dot).isCloseTo(Reference.dot(v, w), within(1e-9 * Math.max(1, size * 10.0 * size)));
        assertThat(norm2).isCloseTo(Math.sqrt(Reference.dot(w, w)), within(1e-9 * Math.max(1, size * 1.0 * size)));
        if (size > 0) {
            assertThat(vectors.min("rw-" + size)).isEqualTo(java.util.Arrays.stream(w).min().orElseThrow());
            assertThat(vectors.max("rv-" + size)).isEqualTo(java.util.Arrays.stream(v).max().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_500, 10_001})
    void inPlaceUpdatesMatchTheReferenceAndBumpTheVersion(long size) {
        String y = "uy-" + size;
        String x = "ux-" + size;
        vectors.create(y, size, VectorInit.range(0, 1));
        vectors.create(x, size, VectorInit.random(3));
        double[] ry = Reference.of(size, VectorInit.range(0, 1));
        double[] rx = Reference.of(size, VectorInit.random(3));

        vectors.add(y, 2);
        vectors.scale(y, -0.5);
        vectors.axpy(y, 3, x);
        vectors.mul(y, x);
        VectorInfo last = vectors.axpy(y, 0.5, y);

        for (int i = 0; i < ry.length; i++) {
            ry[i] = ((ry[i] + 2) * -0.5 + 3 * rx[i]) * rx[i];
            ry[i] += 0.5 * ry[i];
        }
        assertThat(last.version()).isEqualTo(5);
        assertThat(last.state()).isEqualTo("ready");
        assertThat(vectors.slice(y, 0, size)).containsExactly(ry, within(1e-12));
        assertThat(vectors.sum(x)).isCloseTo(Reference.sum(rx), within(Reference.tolerance(rx)));
    }

    @Test
    void sliceReturnsTheRequestedRangeAcrossChunkBoundaries() {
        vectors.create("slice", 5_500, VectorInit.range(0, 1));

        double[] middle = vectors.slice("slice", 998, 3_003);

        assertThat(middle).hasSize(2_005);
        assertThat(middle[0]).isEqualTo(998);
        assertThat(middle[2_004]).isEqualTo(3_002);
        assertThat(vectors.slice("slice", 5_500, 5_500)).isEmpty();
    }

    @Test
    void listAndInfoShowEveryVectorWithItsSizeAndChunks() {
        vectors.create("list-a", 3_001, VectorInit.zeros());
        vectors.create("list-b", 7, VectorInit.fill(1));

        assertThat(vectors.list()).extracting(VectorInfo::name).contains("list-a", "list-b").isSorted();
        assertThat(vectors.info("list-a").chunks()).isEqualTo(4);
        assertThat(vectors.info("list-b").size()).isEqualTo(7);
    }

    @Test
    void deleteRemovesTheMetadataAndEveryChunk() {
        vectors.create("gone", 6_001, VectorInit.fill(2));
        HazelcastInstance member = cluster.members.get(0);

        vectors.delete("gone");

        assertThat(vectors.list()).extracting(VectorInfo::name).doesNotContain("gone");
        assertThat(member.<ChunkKey, Chunk>getMap(GridNames.VECTOR_CHUNKS).keySet())
                .noneMatch(key -> key.vector().equals("gone"));
        assertThat(member.getMap(GridNames.VECTOR_RESULTS).size()).isZero();
        vectors.create("gone", 10, VectorInit.fill(3));
        assertThat(vectors.sum("gone")).isEqualTo(30);
    }
}
