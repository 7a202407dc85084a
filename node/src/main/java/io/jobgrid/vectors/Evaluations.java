package io.jobgrid.vectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.VectorChecks;
import io.jobgrid.api.VectorConflictException;
import io.jobgrid.api.VectorEval;
import io.jobgrid.grid.GridNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@link io.jobgrid.api.Vectors#eval}: compiles the expression ({@link ExprCompiler}), checks its
 * vectors (they exist, are idle, have one size), and runs it as one Jet job ({@link EvalJob}),
 * or, for vectors of at most {@link ChunkRunner#DIRECT_MAX_CHUNKS} chunks, by sending each member
 * its {@link EvalShare} directly: a Jet job's start costs more than all the work on a small
 * vector.
 *
 * <p>An assignment to an existing vector is journaled exactly like {@code add} ({@link Journal}):
 * per-chunk versions make it exactly-once, every partition is all or nothing, an interrupted one
 * says so and re-running the same expression finishes it. An assignment to a new vector journals
 * a create, then makes each chunk inside the evaluation's partition operation, computed straight
 * from the operands and stored once, backups included ({@link EvalPartition}), and only then
 * commits; until then the vector is hidden from {@code list} and {@code info}, and if the
 * evaluation fails it is deleted again.
 */
final class Evaluations {
    private final HazelcastInstance hz;
    private final Journal journal;
    private final Retrying retrying;
    private final ChunkRunner runner;
    private final IExecutorService scans;

    Evaluations(HazelcastInstance hz, Journal journal, Retrying retrying, ChunkRunner runner) {
        this.hz = hz;
        this.journal = journal;
        this.retrying = retrying;
        this.runner = runner;
        this.scans = hz.getExecutorService(GridNames.VECTOR_SCAN);
    }

    /** The vectors an expression reads, checked: names, the version each must stay at, their one size. */
    private record Operands(String[] names, long[] versions, long size) {
    }

    VectorEval eval(String source, Consumer<String> delete) {
        Program program = EvalWork.compiled(source);
        if (program.operands.isEmpty()) {
            return VectorEval.ofValue(program.value(new double[0], 0));
        }
        Operands operands = resolve(program);
        if (!program.assignment()) {
            EvalWork work = new EvalWork(source, operands.size(), operands.names(), operands.versions(), 0, 0);
            EvalPartial total = retrying.read(operands.names()[0], () -> run(work, null));
            return VectorEval.ofValue(program.value(total.acc(), operands.size()));
        }
        VectorMeta existing = journal.metas().get(program.target);
        if (existing == null || existing.creating()) {
            // A new vector still being made: beginCreate refuses it, or takes over one whose runner stopped.
            return assignNew(program, operands, delete);
        }
        if (existing.size() != operands.size()) {
            throw new InvalidInputException("expr", "vector " + existing.name() + " has size " + existing.size()
                    + ", but " + operands.names()[0] + " in the expression has size " + operands.size()
                    + "; an assignment keeps the size of its vector");
        }
        VectorMeta begun = journal.begin(program.target, Update.eval(source));
        Pending p = begun.pending();
        long[] versions = operands.versions().clone();
        for (int k = 0; k < versions.length; k++) {
            versions[k] = operands.names()[k].equals(program.target) ? p.from() : versions[k];
        }
        EvalWork work = new EvalWork(source, operands.size(), operands.names(), versions, p.from(), p.to());
        retrying.update(begun, () -> run(work, program.target), journal);
        journal.commit(begun);
        return VectorEval.ofVector(program.target, operands.size());
    }

    private VectorEval assignNew(Program program, Operands operands, Consumer<String> delete) {
        String target = VectorChecks.name("target", program.target);
        long size = operands.size();
        Capacity.check(hz, target, size, hz.getConfig().getMapConfig(GridNames.VECTOR_CHUNKS).getBackupCount());
        VectorMeta begun = journal.beginCreate(target, size, Update.eval(program.source));
        EvalWork work = new EvalWork(program.source, size, operands.names(), operands.versions(), EvalWork.NEW, 0);
        try {
            retrying.update(begun, () -> run(work, target), journal);
            journal.commit(begun);
        } catch (RuntimeException e) {
            throw discard(target, e, delete);
        }
        return VectorEval.ofVector(target, size);
    }

    /** Deletes a new vector whose assignment failed, so that it never appears half computed. */
    private static JobGridException discard(String target, RuntimeException cause, Consumer<String> delete) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = "the assignment to new vector " + target + " failed (" + root.getMessage() + ")";
        try {
            delete.accept(target);
        } catch (RuntimeException e) {
            return new VectorConflictException(what + ", and deleting what it had written failed too (" + e.getMessage()
                    + "); delete vector " + target + " before assigning to it again", cause);
        }
        return cause instanceof VectorConflictException ? new VectorConflictException(what + "; " + target
                + " was not created", cause) : new JobGridException(what + "; " + target + " was not created", cause);
    }

    private Operands resolve(Program program) {
        List<String> names = program.operands;
        String[] operandNames = names.toArray(new String[0]);
        long[] versions = new long[names.size()];
        VectorMeta first = null;
        for (int k = 0; k < names.size(); k++) {
            VectorMeta meta = journal.metas().get(names.get(k));
            if (meta == null || meta.creating()) {
                throw ExprParser.error(program.source, program.operandColumns.get(k), "vector " + names.get(k)
                        + " does not exist");
            }
            // The target of an assignment may be busy with this very expression, interrupted: journal.begin decides.
            meta = names.get(k).equals(program.target) ? meta : journal.ready(names.get(k));
            if (first != null && meta.size() != first.size()) {
                throw new InvalidInputException("expr", "vectors " + first.name() + " (size " + first.size() + ") and "
                        + meta.name() + " (size " + meta.size() + ") have different sizes; an expression works on"
                        + " vectors of one size");
            }
            first = first == null ? meta : first;
            versions[k] = meta.version();
        }
        return new Operands(operandNames, versions, first.size());
    }

    /** Evaluates once over every chunk; fails (to be retried) unless every chunk answered exactly once. */
    private EvalPartial run(EvalWork work, String target) {
        Program program = work.program();
        int count = Layout.chunkCount(work.size());
        if (count == 0) {
            return program.empty();
        }
        int[] partitionOf = runner.partitionsOf(work.operands()[0], work.size(), count);
        EvalPartial total;
        if (count > ChunkRunner.DIRECT_MAX_CHUNKS) {
            total = EvalJob.run(hz, work, target, partitionOf);
        } else if (target != null) {
            total = await(new EvalShare(work, target, IntStream.range(0, count).toArray(), partitionOf).start(hz));
        } else {
            total = direct(work, partitionOf, program);
        }
        if (total.chunks() != count) {
            throw new IllegalStateException(total.chunks() + " of " + count + " chunks answered for " + work.source());
        }
        return total;
    }

    /** A small value: each owning member gets its share through the executor, as {@link ChunkRunner#scan}. */
    private EvalPartial direct(EvalWork work, int[] partitionOf, Program program) {
        Member[] ownerOf = new Member[hz.getPartitionService().getPartitions().size()];
        for (Partition partition : hz.getPartitionService().getPartitions()) {
            ownerOf[partition.getPartitionId()] = partition.getOwner();
        }
        Member local = hz.getCluster().getLocalMember();
        Map<Member, List<Integer>> plan = new HashMap<>();
        for (int index = 0; index < partitionOf.length; index++) {
            Member owner = ownerOf[partitionOf[index]];
            plan.computeIfAbsent(owner == null ? local : owner, m -> new ArrayList<>()).add(index);
        }
        List<Future<EvalPartial>> answers = new ArrayList<>();
        plan.forEach((member, indices) -> {
            int[] mine = indices.stream().mapToInt(Integer::intValue).toArray();
            int[] partitions = new int[mine.length];
            for (int i = 0; i < mine.length; i++) {
                partitions[i] = partitionOf[mine[i]];
            }
            answers.add(scans.submitToMember(new EvalShare(work, null, mine, partitions), member));
        });
        EvalPartial total = program.empty();
        for (Future<EvalPartial> answer : answers) {
            total = program.combine(total, await(answer));
        }
        return total;
    }

    private static <T> T await(Future<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobGridException("interrupted while waiting for a vector evaluation", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new JobGridException(e.getCause().toString(), e.getCause());
        }
    }
}
