package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import io.jobgrid.api.JobGridException;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.internal.Internals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs the vector operations where the chunks live: in-place updates as one
 * {@link UpdatePartition} operation per partition ({@link #run}), reductions as one
 * {@link LocalScan} per member ({@link #scan}), create and delete as an entry processor per chunk.
 *
 * <p>In-place updates (add, scale, axpy, mul) do not go through Jet. Measured on 3 in-JVM members
 * (bench/VectorsProfile, 100M doubles, same session, load 6-17): the same partition operations
 * driven from a one-vertex Jet light job took 156-390 ms per add and 175-274 ms of CPU, driven
 * without Jet 86-113 ms and 130-224 ms: the job's start and its cooperative processor waiting on
 * the operations cost more than the whole update.
 *
 * <p>Create and delete of large vectors go through a Jet light job of one vertex,
 * {@link LocalChunks}: one processor per member runs the entry processor over that member's own
 * chunks and merges its partial into a result entry. Vectors of at most {@link #DIRECT_MAX_CHUNKS}
 * chunks skip Jet: a job costs a few milliseconds to plan and deploy on every member, more than
 * the whole computation of a small vector, and the 10k-element target is 20 ms.
 */
final class ChunkRunner {
    static final int DIRECT_MAX_CHUNKS = Integer.getInteger("jobgrid.vector.direct-max-chunks", 256);
    private static final int PLAN_CACHE_SIZES = 64;

    private final HazelcastInstance hz;
    private final IMap<ChunkKey, Chunk> chunks;
    private final IMap<String, Partial> results;
    private final IExecutorService scans;
    private final Map<Long, int[]> partitionsBySize = new ConcurrentHashMap<>();

    ChunkRunner(HazelcastInstance hz) {
        this.hz = hz;
        this.scans = hz.getExecutorService(GridNames.VECTOR_SCAN);
        this.chunks = hz.getMap(GridNames.VECTOR_CHUNKS);
        this.results = hz.getMap(GridNames.VECTOR_RESULTS);
    }

    /** The combined result; {@link Partial#chunks()} says how many chunks answered. */
    Partial run(String vector, long size, UpdateChunk processor) {
        int count = Layout.chunkCount(size);
        if (processor.update.inPlace()) {
            return inPlace(vector, size, count, processor);
        }
        if (count <= DIRECT_MAX_CHUNKS) {
            return direct(vector, size, count, processor);
        }
        return viaJet(vector, size, processor);
    }

    /**
     * An in-place update as one {@link UpdatePartition} operation per partition holding chunks of
     * the vector, invoked from here: Hazelcast routes each to the partition's owner, retries it
     * when the partition moves, and answers once the backups have it. Not one task per owning
     * member that invokes its own partitions, as {@link #scan} does: measured on 3 in-JVM members
     * at 100M, that took 95-116 ms per add against 71-75 ms this way (same run); the extra hop
     * through an executor costs more than the operations it keeps off the network.
     */
    private Partial inPlace(String vector, long size, int count, UpdateChunk processor) {
        int[] partitionOf = partitionsOf(vector, size, count);
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (int index = 0; index < count; index++) {
            byPartition.computeIfAbsent(partitionOf[index], p -> new ArrayList<>()).add(index);
        }
        Internals internals = Internals.of(hz);
        List<Future<Integer>> answers = new ArrayList<>();
        byPartition.forEach((partition, indices) -> answers.add(internals.updatePartition(partition,
                new UpdatePartition(processor, vector, size, indices.stream().mapToInt(Integer::intValue).toArray()))));
        for (Future<Integer> answer : answers) {
            await(answer);
        }
        // Each operation that answered did so for all its chunks, applied now or found done before (a retry).
        return new Partial(0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, count);
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
        DAG dag = new DAG();
        dag.newVertex("vector-chunks(" + vector + ")", new LocalChunks(vector, size, processor, resultKey))
                .localParallelism(1);
        try {
            hz.getJet().newLightJob(dag).join();
            Partial result = results.get(resultKey);
            return result == null ? Partial.EMPTY : result;
        } finally {
            results.delete(resultKey);
        }
    }

    /**
     * A reduction, through {@link LocalScan}: each member that owns chunks of the vector gets
     * one task with its chunks and answers with one partial.
     */
    Partial scan(String vector, long size, ReadChunk read) {
        int count = Layout.chunkCount(size);
        if (count == 0) {
            return Partial.EMPTY;
        }
        int[] partitionOf = partitionsOf(vector, size, count);
        Set<Partition> table = hz.getPartitionService().getPartitions();
        Member[] ownerOf = new Member[table.size()];
        for (Partition partition : table) {
            ownerOf[partition.getPartitionId()] = partition.getOwner();
        }
        // A partition with no owner (a promotion in progress) goes to this member, whose task
        // finds it is not the owner and has the read retried.
        Member local = hz.getCluster().getLocalMember();
        Map<Member, List<Integer>> plan = new HashMap<>();
        for (int index = 0; index < count; index++) {
            Member owner = ownerOf[partitionOf[index]];
            plan.computeIfAbsent(owner == null ? local : owner, m -> new ArrayList<>()).add(index);
        }
        Map<Member, LocalScan> shares = new HashMap<>();
        plan.forEach((member, indices) -> {
            int[] mine = indices.stream().mapToInt(Integer::intValue).toArray();
            int[] partitions = new int[mine.length];
            for (int i = 0; i < mine.length; i++) {
                partitions[i] = partitionOf[mine[i]];
            }
            shares.put(member, new LocalScan(read, vector, size, mine, partitions));
        });
        List<Future<Partial>> answers = new ArrayList<>();
        shares.forEach((member, share) -> answers.add(scans.submitToMember(share, member)));
        Partial total = Partial.EMPTY;
        for (Future<Partial> answer : answers) {
            total = total.combine(await(answer));
        }
        return total;
    }

    /**
     * The partition of every chunk of a vector of this size (the same for every vector of that
     * size, see {@link ChunkKey}), kept for the last few sizes so that planning an operation does
     * not serialise and hash every chunk key again.
     */
    int[] partitionsOf(String vector, long size, int count) {
        int[] cached = partitionsBySize.get(size);
        if (cached != null) {
            return cached;
        }
        int[] partitions = new int[count];
        for (int index = 0; index < count; index++) {
            partitions[index] = hz.getPartitionService().getPartition(new ChunkKey(vector, size, index)).getPartitionId();
        }
        if (partitionsBySize.size() >= PLAN_CACHE_SIZES) {
            partitionsBySize.clear();
        }
        partitionsBySize.put(size, partitions);
        return partitions;
    }

    private static <T> T await(Future<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobGridException("interrupted while waiting for a vector reduction", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new JobGridException(e.getCause().toString(), e.getCause());
        }
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
