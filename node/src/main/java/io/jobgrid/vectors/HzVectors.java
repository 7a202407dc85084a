package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.api.VectorChecks;
import io.jobgrid.api.VectorEval;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import io.jobgrid.grid.GridNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Vectors} on Hazelcast: metadata in {@link GridNames#VECTORS} (the journal), chunks in
 * {@link GridNames#VECTOR_CHUNKS} (OBJECT format), computed where they live.
 *
 * <p>The design, and why (measured with JFR and {@code bin/bench vectors} on this 2-core machine;
 * the package documentation has the details):
 * <ul>
 * <li><b>Loops on the stored arrays.</b> Every operation runs its loop ({@link Kernels}) on the
 * partition thread of the member owning the chunk, on the stored {@code double[]}: no copy, no
 * deserialisation. Jet's {@code Sources.map} copies every chunk into the pipeline and measured 5-30x
 * slower than the loop it feeds.</li>
 * <li><b>In-place updates: a partition operation per partition.</b> add, scale, axpy and mul run
 * as one {@link UpdatePartition} per partition, invoked from the member that got the request; its
 * backup operation applies the same update on the backup replica before it answers. An entry
 * processor per chunk under a Jet job cost twice the partition-thread CPU, and the Jet job alone
 * more than the update.</li>
 * <li><b>Create and delete: entry processors, driven by Jet for large vectors.</b> Above
 * {@link ChunkRunner#DIRECT_MAX_CHUNKS} chunks a one-vertex Jet light job ({@link LocalChunks}) runs
 * the {@link UpdateChunk} processor on each member over that member's chunks and merges one partial
 * per member. A Jet job costs 15-40 ms to start here, more than all the work of a small vector, so
 * smaller ones go straight to the partitions from the member that got the request.</li>
 * <li><b>Reductions: a scan per member.</b> {@link LocalScan} gives each owning member its chunks
 * in one executor task; the member reduces them on its partition threads from the record store and
 * answers with one partial. No entry processor per chunk and no Jet job: at 100M elements that
 * halved a sum's CPU, and a Jet job's start alone is as long as the whole sum.</li>
 * <li><b>Backups get the operation, not the data.</b> An update's backup processor re-applies the
 * same add/scale/axpy/mul to the backup replica (axpy reads x's backup chunk, which lives in the
 * same partition), so backups are current after every update and no chunk crosses the network.</li>
 * <li><b>Exactly once, never half-applied silently.</b> Updates run in place (a copy would halve
 * the speed and double the memory), so they are versioned per chunk and journaled in the
 * metadata ({@link Journal}); see the package documentation for the failure cases.</li>
 * <li><b>Compact serializers</b> ({@link VectorSerializers}): Java serialization of keys,
 * processors and results was ~15% of an operation's CPU, and migrating a chunk through
 * {@code ObjectOutputStream} dominated while partitions moved.</li>
 * </ul>
 */
public final class HzVectors implements Vectors {
    /** Longer than any index a chunk count fits in an int for. */
    static final long MAX_SIZE = (long) Integer.MAX_VALUE * Layout.CHUNK_SIZE;

    private final HazelcastInstance hz;
    private final Journal journal;
    private final Retrying retrying;
    private final IMap<ChunkKey, Chunk> chunks;
    private final Evaluations evaluations;

    public HzVectors(HazelcastInstance hz) {
        this.hz = hz;
        this.journal = new Journal(hz);
        ChunkRunner runner = new ChunkRunner(hz);
        this.retrying = new Retrying(hz, runner);
        this.chunks = hz.getMap(GridNames.VECTOR_CHUNKS);
        this.evaluations = new Evaluations(hz, journal, retrying, runner);
    }

    @Override
    public VectorInfo create(String name, long size, VectorInit init) {
        VectorChecks.name("name", name);
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "size must be between 0 and " + MAX_SIZE + ", but was " + size);
        }
        if (init == null) {
            throw new InvalidInputException("init", "init must be one of zeros, fill, range, random, but was null");
        }
        Capacity.check(hz, name, size, hz.getConfig().getMapConfig(GridNames.VECTOR_CHUNKS).getBackupCount());
        Update create = Update.create(init);
        VectorMeta begun = journal.beginCreate(name, size, create);
        return apply(begun, new UpdateChunk(create, 0, 0, 0, false));
    }

    @Override
    public List<VectorInfo> list() {
        List<VectorInfo> all = new ArrayList<>();
        for (VectorMeta meta : journal.metas().values()) {
            if (!meta.creating()) {
                all.add(meta.info());
            }
        }
        all.sort(Comparator.comparing(VectorInfo::name));
        return all;
    }

    @Override
    public VectorInfo info(String name) {
        VectorMeta meta = journal.get(VectorChecks.name("name", name));
        if (meta.creating()) {
            throw new NotFoundException("Vector " + name + " does not exist (yet: an assignment is computing it)");
        }
        return meta.info();
    }

    @Override
    public VectorEval eval(String expression) {
        return evaluations.eval(expression, this::delete);
    }

    @Override
    public VectorInfo add(String name, double scalar) {
        return update(name, Update.add(scalar));
    }

    @Override
    public VectorInfo scale(String name, double scalar) {
        return update(name, Update.scale(scalar));
    }

    @Override
    public VectorInfo axpy(String name, double a, String x) {
        return update(name, Update.axpy(a, x));
    }

    @Override
    public VectorInfo mul(String name, String x) {
        return update(name, Update.mul(x));
    }

    @Override
    public double sum(String name) {
        return read(name, ReadChunk.Kind.SUM, null).sum();
    }

    @Override
    public double dot(String name, String with) {
        return read(name, ReadChunk.Kind.DOT, VectorChecks.name("with", with)).sum();
    }

    @Override
    public double min(String name) {
        return nonEmpty(name, "min", read(name, ReadChunk.Kind.MIN, null)).min();
    }

    @Override
    public double max(String name) {
        return nonEmpty(name, "max", read(name, ReadChunk.Kind.MAX, null)).max();
    }

    @Override
    public double norm2(String name) {
        return Math.sqrt(read(name, ReadChunk.Kind.NORM2, null).sum());
    }

    @Override
    public double[] slice(String name, long from, long to) {
        VectorMeta meta = journal.ready(VectorChecks.name("name", name));
        if (from < 0 || from > meta.size()) {
            throw new InvalidInputException("from", "from must be between 0 and " + meta.size() + ", but was " + from);
        }
        if (to < from || to > meta.size()) {
            throw new InvalidInputException("to", "to must be between " + from + " and " + meta.size() + ", but was " + to);
        }
        if (to - from > MAX_SLICE) {
            throw new TooLargeException("to", "a slice holds at most " + MAX_SLICE + " elements, but was " + (to - from));
        }
        return retrying.read(name, () -> sliceOnce(meta, (int) from, (int) to));
    }

    /** Small by construction (at most MAX_SLICE elements), so no Jet job: one call per chunk. */
    private double[] sliceOnce(VectorMeta meta, long from, long to) {
        double[] out = new double[(int) (to - from)];
        List<CompletableFuture<double[]>> parts = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (long start = from; start < to; ) {
            int index = (int) (start / Layout.CHUNK_SIZE);
            long chunkStart = Layout.offset(index);
            long end = Math.min(to, chunkStart + Layout.CHUNK_SIZE);
            ChunkKey key = new ChunkKey(meta.name(), meta.size(), index);
            EntryProcessor<ChunkKey, Chunk, double[]> ep =
                    new SliceChunk(meta.version(), (int) (start - chunkStart), (int) (end - chunkStart));
            parts.add(chunks.submitToKey(key, ep).toCompletableFuture());
            starts.add(start);
            start = end;
        }
        for (int i = 0; i < parts.size(); i++) {
            double[] part = parts.get(i).join();
            System.arraycopy(part, 0, out, (int) (starts.get(i) - from), part.length);
        }
        return out;
    }

    @Override
    public void delete(String name) {
        VectorMeta begun = journal.begin(VectorChecks.name("name", name), Update.delete());
        retrying.run(begun, new UpdateChunk(Update.delete(), 0, 0, 0, false), journal);
        journal.metas().remove(name, journal.get(name));
    }

    private VectorInfo update(String name, Update update) {
        VectorChecks.name("name", name);
        long otherVersion = operandVersion(name, update);
        VectorMeta begun = journal.begin(name, update);
        Pending p = begun.pending();
        long version = update.other() != null && update.other().equals(name) ? p.from() : otherVersion;
        return apply(begun, new UpdateChunk(update, p.from(), p.to(), version, false));
    }

    private VectorInfo apply(VectorMeta begun, UpdateChunk processor) {
        retrying.run(begun, processor, journal);
        journal.commit(begun);
        return begun.committed().info();
    }

    /** The version of axpy's or mul's x, which must exist, be idle (unless it is v) and match in size. */
    private long operandVersion(String name, Update update) {
        if (update.other() == null || update.other().equals(name)) {
            return 0;
        }
        VectorMeta x = journal.ready(update.other());
        checkSameSize(journal.get(name), x, "x");
        return x.version();
    }

    private Partial read(String name, ReadChunk.Kind kind, String with) {
        VectorMeta meta = journal.ready(VectorChecks.name("name", name));
        VectorMeta other = null;
        if (with != null) {
            other = with.equals(name) ? meta : journal.ready(with);
            checkSameSize(meta, other, "with");
        }
        ReadChunk processor = new ReadChunk(kind, meta.version(), with, other == null ? 0 : other.version());
        return retrying.reduce(meta, processor);
    }

    private static void checkSameSize(VectorMeta v, VectorMeta x, String field) {
        if (v.size() != x.size()) {
            throw new InvalidInputException(field, "vector " + x.name() + " must have the size of " + v.name()
                    + " (" + v.size() + "), but was " + x.size());
        }
    }

    private static Partial nonEmpty(String name, String what, Partial partial) {
        if (partial.chunks() == 0) {
            throw new InvalidInputException("name", "vector " + name + " is empty, so it has no " + what + ", but size was 0");
        }
        return partial;
    }
}
