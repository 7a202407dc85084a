package io.jobgrid.compute;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.jobgrid.cluster.GridNames;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs an entry processor over every chunk of a vector and combines the per-chunk results.
 *
 * <p>Large vectors go through a Jet light job whose source is {@link LocalChunks}: one processor
 * per member runs the work over that member's own chunks, Jet combines the partials. Vectors of
 * at most {@link #DIRECT_MAX_CHUNKS} chunks skip Jet: a job costs a few milliseconds to plan and
 * deploy on every member, more than the whole computation of a small vector, and the 10k-element
 * target is 20 ms. Both paths run the same entry processor where the chunks live.
 */
final class ChunkRunner {
    static final int DIRECT_MAX_CHUNKS = Integer.getInteger("jobgrid.vector.direct-max-chunks", 16);

    private final HazelcastInstance hz;
    private final IMap<ChunkKey, Chunk> chunks;
    private final IMap<String, Partial> results;

    ChunkRunner(HazelcastInstance hz) {
        this.hz = hz;
        this.chunks = hz.getMap(GridNames.VECTOR_CHUNKS);
        this.results = hz.getMap(GridNames.VECTOR_RESULTS);
    }

    /** The combined result; {@link Partial#chunks()} says how many chunks answered. */
    Partial run(String vector, long size, EntryProcessor<ChunkKey, Chunk, ?> processor) {
        int count = Layout.chunkCount(size);
        if (count <= DIRECT_MAX_CHUNKS) {
            return direct(vector, size, count, processor);
        }
        return viaJet(vector, size, processor);
    }

    private Partial direct(String vector, long size, int count, EntryProcessor<ChunkKey, Chunk, ?> processor) {
        if (count == 0) {
            return Partial.EMPTY;
        }
        Set<ChunkKey> keys = new HashSet<>();
        for (int index = 0; index < count; index++) {
            keys.add(new ChunkKey(vector, size, index));
        }
        return combine(chunks.executeOnKeys(keys, processor));
    }

    private Partial viaJet(String vector, long size, EntryProcessor<ChunkKey, Chunk, ?> processor) {
        String resultKey = vector + "/" + UUID.randomUUID();
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(Sources.<Partial>batchFromProcessor("vector-chunks(" + vector + ")",
                        new LocalChunks(vector, size, processor)))
                .aggregate(AggregateOperations.reducing(Partial.EMPTY, p -> p, Partial::combine, null))
                .map(partial -> Util.entry(resultKey, partial))
                .writeTo(Sinks.map(GridNames.VECTOR_RESULTS));
        hz.getJet().newLightJob(pipeline).join();
        Partial result = results.remove(resultKey);
        if (result == null) {
            throw new VectorConflictException("the pipeline over vector " + vector + " ended without a result");
        }
        return result;
    }

    /** Per-chunk results (a Partial for reads, an applied flag for updates) folded into one. */
    static Partial combine(Map<ChunkKey, ?> perChunk) {
        Partial total = Partial.EMPTY;
        for (Object result : perChunk.values()) {
            total = total.combine(result instanceof Partial p ? p : new Partial(0, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 1));
        }
        return total;
    }
}
