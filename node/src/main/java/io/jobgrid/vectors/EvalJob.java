package io.jobgrid.vectors;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.jet.core.Edge;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.jet.core.Vertex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An evaluation as one Jet light job of two vertices:
 * <pre>
 *   eval (one processor per member) --distributed to the caller, all to one--> combine (one, on the caller)
 * </pre>
 * {@code eval}'s processor on each member runs that member's {@link EvalShare}: the chunks whose
 * partitions Jet assigned to the member, evaluated on the partition threads where they live (the
 * operands are co-partitioned, so no chunk crosses the network), and emits one
 * {@link EvalPartial}. {@code combine} runs on the member that asked and folds the partials; the
 * caller takes the result from {@link #ANSWERS} once the job completed. No map holds the result:
 * writing, reading and deleting an entry would be three more round trips per evaluation.
 */
final class EvalJob {
    /** Results of the jobs this JVM's members started, by job key; taken by the caller. */
    private static final Map<String, EvalPartial> ANSWERS = new ConcurrentHashMap<>();

    private EvalJob() {
    }

    /** Runs the job and answers the combined partial (its chunk count is the caller's to check). */
    static EvalPartial run(HazelcastInstance hz, EvalWork work, String target, int[] partitionOf) {
        String key = UUID.randomUUID().toString();
        Address caller = hz.getCluster().getLocalMember().getAddress();
        DAG dag = new DAG();
        Vertex eval = dag.newVertex("eval", new Source(work, target, partitionOf)).localParallelism(1);
        Vertex combine = dag.newVertex("combine",
                ProcessorMetaSupplier.forceTotalParallelismOne(new CombineSupplier(work.source(), key), caller));
        dag.edge(Edge.between(eval, combine).distributeTo(caller).allToOne(key));
        try {
            hz.getJet().newLightJob(dag).join();
            EvalPartial answer = ANSWERS.get(key);
            if (answer == null) {
                throw new IllegalStateException("the evaluation job of " + work.source() + " ended without a result");
            }
            return answer;
        } finally {
            ANSWERS.remove(key);
        }
    }

    /** Plans the chunks per member from the partition assignment Jet uses for this job. */
    private static final class Source implements ProcessorMetaSupplier {
        private static final long serialVersionUID = 1L;
        private final EvalWork work;
        private final String target;
        private final int[] partitionOf;
        private transient Map<Integer, Address> ownerOf;

        Source(EvalWork work, String target, int[] partitionOf) {
            this.work = work;
            this.target = target;
            this.partitionOf = partitionOf;
        }

        @Override
        public int preferredLocalParallelism() {
            return 1;
        }

        @Override
        public void init(Context context) {
            ownerOf = new HashMap<>();
            context.partitionAssignment().forEach((address, partitions) -> {
                for (int partition : partitions) {
                    ownerOf.put(partition, address);
                }
            });
        }

        @Override
        public Function<? super Address, ? extends ProcessorSupplier> get(List<Address> addresses) {
            Map<Address, List<Integer>> plan = new HashMap<>();
            for (int index = 0; index < partitionOf.length; index++) {
                Address owner = ownerOf.get(partitionOf[index]);
                // A partition Jet did not assign (none, normally) goes to the first member; its owner runs it.
                plan.computeIfAbsent(owner == null || !addresses.contains(owner) ? addresses.get(0) : owner,
                        a -> new ArrayList<>()).add(index);
            }
            Map<Address, EvalShare> shares = new HashMap<>();
            for (Address address : addresses) {
                int[] mine = plan.getOrDefault(address, List.of()).stream().mapToInt(Integer::intValue).toArray();
                int[] partitions = new int[mine.length];
                for (int i = 0; i < mine.length; i++) {
                    partitions[i] = partitionOf[mine[i]];
                }
                shares.put(address, new EvalShare(work, target, mine, partitions));
            }
            return address -> new ShareSupplier(shares.get(address));
        }
    }

    /** The member's one processor, with its share. */
    private record ShareSupplier(EvalShare share) implements ProcessorSupplier {
        @Override
        public Collection<? extends Processor> get(int count) {
            List<Processor> processors = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                processors.add(new Evaluate(i == 0 ? share : null));
            }
            return processors;
        }
    }

    /**
     * Cooperative: starts the share's partition work and returns from {@code complete()} while it
     * runs, then emits its partial. A blocking processor would cost a thread hand-off and Jet's
     * idle back-off per job.
     */
    private static final class Evaluate extends AbstractProcessor {
        private final EvalShare share;
        private CompletableFuture<EvalPartial> work;
        private EvalPartial result;
        private HazelcastInstance hz;

        Evaluate(EvalShare share) {
            this.share = share;
        }

        @Override
        protected void init(Context context) {
            hz = context.hazelcastInstance();
        }

        @Override
        public boolean complete() {
            if (share == null || share.indices.length == 0) {
                return true;
            }
            if (work == null) {
                work = share.start(hz);
            }
            if (result == null) {
                if (!work.isDone()) {
                    return false;
                }
                result = work.join();
            }
            return tryEmit(result);
        }
    }

    private record CombineSupplier(String source, String key) implements ProcessorSupplier {
        @Override
        public Collection<? extends Processor> get(int count) {
            return List.of(new Combine(source, key));
        }
    }

    /** Folds every member's partial and leaves the total for the caller. */
    private static final class Combine extends AbstractProcessor {
        private final String source;
        private final String key;
        private EvalPartial total;

        Combine(String source, String key) {
            this.source = source;
            this.key = key;
        }

        @Override
        protected boolean tryProcess(int ordinal, Object item) {
            EvalPartial partial = (EvalPartial) item;
            total = total == null ? partial : EvalWork.compiled(source).combine(total, partial);
            return true;
        }

        @Override
        public boolean complete() {
            ANSWERS.put(key, total == null ? EvalWork.compiled(source).empty() : total);
            return true;
        }
    }
}
