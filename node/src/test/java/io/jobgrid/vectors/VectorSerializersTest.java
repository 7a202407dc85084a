package io.jobgrid.vectors;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import io.jobgrid.api.VectorInit;
import io.jobgrid.grid.internal.TestInternals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type the vector operations send or store survives the compact serializers unchanged. */
class VectorSerializersTest {
    private final SerializationConfig serialization = VectorGridConfig.apply(new Config(), 1).getSerializationConfig();

    @Test
    void keysPartialsAndChunksRoundTripWithEveryValue() {
        ChunkKey key = new ChunkKey("v-1", 100_000_001L, 1_525);
        Partial partial = new Partial(1.5, Double.NEGATIVE_INFINITY, Double.NaN, 7);
        double[] values = {0, -0.0, 1e308, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, 3.25};

        Chunk chunk = roundTrip(new Chunk(values, 42));

        assertThat(roundTrip(key)).isEqualTo(key);
        assertThat(roundTrip(partial)).isEqualTo(partial);
        assertThat(chunk.version()).isEqualTo(42);
        assertThat(chunk.values).containsExactly(values);
        assertThat(TestInternals.serializedSize(serialization, key)).isLessThan(48);
    }

    @Test
    void processorsRoundTripWithTheirOperation() {
        UpdateChunk axpy = roundTrip(new UpdateChunk(Update.axpy(-2.5, "x"), 3, 4, 9, true));
        UpdateChunk create = roundTrip(new UpdateChunk(Update.create(VectorInit.range(-3, 0.25)), 0, 0, 0, false));
        ReadChunk dot = roundTrip(new ReadChunk(ReadChunk.Kind.DOT, 5, "w", 6));
        SliceChunk slice = roundTrip(new SliceChunk(2, 10, 20));
        MergePartial merge = roundTrip(new MergePartial(new Partial(1, 2, 3, 4)));

        assertThat(axpy.update).isEqualTo(Update.axpy(-2.5, "x"));
        assertThat(new long[] {axpy.from, axpy.to, axpy.otherVersion}).containsExactly(3, 4, 9);
        assertThat(axpy.backup).isTrue();
        assertThat(create.update).isEqualTo(Update.create(VectorInit.range(-3, 0.25)));
        assertThat(dot.kind).isEqualTo(ReadChunk.Kind.DOT);
        assertThat(dot.other).isEqualTo("w");
        assertThat(new long[] {dot.version, dot.otherVersion}).containsExactly(5, 6);
        assertThat(new long[] {slice.version, slice.from, slice.to}).containsExactly(2, 10, 20);
        assertThat(merge.partial).isEqualTo(new Partial(1, 2, 3, 4));
    }

    @Test
    void memberScansAndPartitionUpdatesRoundTripWithTheirChunks() {
        LocalScan scan = roundTrip(new LocalScan(new ReadChunk(ReadChunk.Kind.SUM, 2, null, 0), "v", 70_000,
                new int[] {0, 1}, new int[] {17, 230}));
        UpdatePartition update = roundTrip(new UpdatePartition(new UpdateChunk(Update.add(2), 1, 2, 0, false), "v",
                70_000, new int[] {0, 1}));

        assertThat(scan.read.kind).isEqualTo(ReadChunk.Kind.SUM);
        assertThat(scan.vector).isEqualTo("v");
        assertThat(scan.indices).containsExactly(0, 1);
        assertThat(scan.partitions).containsExactly(17, 230);
        assertThat(update.toString()).contains("update=add(2.0) version 1->2, vector=v, size=70000, chunks=[0, 1]");
    }

    private <T> T roundTrip(T value) {
        return TestInternals.roundTrip(serialization, value);
    }
}
