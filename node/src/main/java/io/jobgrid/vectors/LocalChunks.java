package io.jobgrid.vectors;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.jobgrid.grid.GridNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one vertex of a vector job: each member's processor runs the vector's entry processor over
 * the chunks that member owns, on their partition threads, and merges its combined
 * {@link Partial} atomically into the job's result entry ({@link MergePartial}).
 *
 * <p>Why not {@code Sources.map}: it copies and deserialises every chunk into the pipeline, which
 * measured 5-30x slower than the loop itself. Here the per-element work runs inside the entry
 * processor on the stored object (OBJECT in-memory format); only one small partial per member
 * leaves each member. One vertex and no edges: a
 * noop light job already costs 15-40 ms on 3 members of this 2-core machine, and every extra
 * vertex (Jet's two-stage aggregation, a map sink) added about as much again.
 *
 * <p>The chunks are split among members once, on the coordinator, from the partition assignment
 * Jet itself uses for this job: every chunk goes to exactly one processor, so no chunk is counted
 * twice even if a migration runs meanwhile (the entry processor is routed to whoever owns the
 * partition when it runs; locality is the aim, exactness does not depend on it).
 */
final class LocalChunks implements ProcessorMetaSupplier {
    private static final long serialVersionUID = 1L;

    private final String vector;
    private final long size;
    private final EntryProcessor<ChunkKey, Chunk, ?> processor;
    private final String resultKey;
    private transient Map<Address, List<Integer>> plan;

    LocalChunks(String vector, long size, EntryProcessor<ChunkKey, Chunk, ?> processor, String resultKey) {
        this.vector = vector;
        this.size = size;
        this.processor = processor;
        this.resultKey = resultKey;
    }

    @Override
    public int preferredLocalParallelism() {
        return 1;
    }

    @Override
    public void init(Context context) {
        Map<Integer, Address> ownerOf = new HashMap<>();
        context.partitionAssignment().forEach((address, partitions) -> {
            for (int partition : partitions) {
                ownerOf.put(partition, address);
            }
        });
        HazelcastInstance hz = context.hazelcastInstance();
        plan = new HashMap<>();
        int count = Layout.chunkCount(size);
        for (int index = 0; index < count; index++) {
            int partition = hz.getPartitionService().getPartition(new ChunkKey(vector, size, index)).getPartitionId();
            plan.computeIfAbsent(ownerOf.get(partition), a -> new ArrayList<>()).add(index);
        }
    }

    @Override
    public Function<? super Address, ? extends ProcessorSupplier> get(List<Address> addresses) {
        // Chunks whose partition Jet did not assign to a member (none, normally) go to the first.
        List<Integer> orphans = new ArrayList<>();
        plan.forEach((address, indices) -> {
            if (address == null || !addresses.contains(address)) {
                orphans.addAll(indices);
            }
        });
        Map<Address, int[]> byMember = new HashMap<>();
        for (Address address : addresses) {
            List<Integer> mine = new ArrayList<>(plan.getOrDefault(address, List.of()));
            if (address.equals(addresses.get(0))) {
                mine.addAll(orphans);
            }
            byMember.put(address, mine.stream().mapToInt(Integer::intValue).toArray());
        }
        return address -> new Supplier(vector, size, processor, byMember.get(address), resultKey);
    }

    /** Builds the member's one processor with its share of the chunks. */
    private record Supplier(String vector, long size, EntryProcessor<ChunkKey, Chunk, ?> processor, int[] indices,
                            String resultKey) implements ProcessorSupplier {

        @Override
        public Collection<? extends Processor> get(int count) {
            List<Processor> processors = new ArrayList<>();
            processors.add(new Runner(vector, size, processor, indices, resultKey));
            for (int i = 1; i < count; i++) {
                processors.add(new Runner(vector, size, processor, new int[0], resultKey));
            }
            return processors;
        }
    }

    /**
     * Cooperative and non-blocking: it starts the member's entry processor calls, then the merge
     * of their combined result into the job's result entry, and returns from {@code complete()}
     * at once while either is in flight. A blocking processor would cost a thread hand-off and
     * Jet's non-cooperative idle back-off (up to 5 ms) per job.
     */
    private static final class Runner extends AbstractProcessor {
        private final String vector;
        private final long size;
        private final EntryProcessor<ChunkKey, Chunk, ?> processor;
        private final int[] indices;
        private final String resultKey;
        private IMap<ChunkKey, Chunk> chunks;
        private IMap<String, Partial> results;
        private CompletableFuture<? extends Map<ChunkKey, ?>> work;
        private CompletableFuture<?> merged;

        Runner(String vector, long size, EntryProcessor<ChunkKey, Chunk, ?> processor, int[] indices, String resultKey) {
            this.vector = vector;
            this.size = size;
            this.processor = processor;
            this.indices = indices;
            this.resultKey = resultKey;
        }

        @Override
        protected void init(Context context) {
            chunks = context.hazelcastInstance().getMap(GridNames.VECTOR_CHUNKS);
            results = context.hazelcastInstance().getMap(GridNames.VECTOR_RESULTS);
        }

        @Override
        public boolean complete() {
            if (indices.length == 0) {
                return true;
            }
            if (work == null) {
                Set<ChunkKey> keys = new HashSet<>();
                for (int index : indices) {
                    keys.add(new ChunkKey(vector, size, index));
                }
                work = chunks.submitToKeys(keys, processor).toCompletableFuture();
            }
            if (!work.isDone()) {
                return false;
            }
            if (merged == null) {
                Partial mine = ChunkRunner.combine(work.join());
                merged = results.submitToKey(resultKey, new MergePartial(mine)).toCompletableFuture();
            }
            if (!merged.isDone()) {
                return false;
            }
            merged.join();
            return true;
        }
    }
}
