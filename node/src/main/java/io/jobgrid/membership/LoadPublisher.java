package io.jobgrid.membership;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.api.NodeInfo;
import io.jobgrid.api.Throughput;
import io.jobgrid.api.Nodes;
import io.jobgrid.grid.GridNames;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Each node publishes its load (slots, running jobs, CPU, heap) about once a second into the
 * {@link GridNames#NODES} map; every node reads them all. No node is asked; none decides for
 * another.
 */
public final class LoadPublisher implements Nodes {
    private final HazelcastInstance hz;
    private final IMap<String, NodeInfo> nodes;
    private final String name;
    private final Map<String, String> tags;
    private final int slots;
    private final Supplier<String> url;
    private final IntSupplier running;
    private final BooleanSupplier draining;
    private final Clock clock;
    private final Instant startedAt;
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private volatile int taskSlots;
    private volatile IntSupplier runningTasks = () -> 0;
    private volatile List<String> taskTypes = List.of();
    private volatile Supplier<Throughput> throughput = Throughput::none;

    public LoadPublisher(HazelcastInstance hz, String name, Map<String, String> tags, int slots, Supplier<String> url,
                         IntSupplier running, BooleanSupplier draining, Clock clock) {
        this.hz = hz;
        this.nodes = hz.getMap(GridNames.NODES);
        this.name = name;
        this.tags = tags;
        this.slots = slots;
        this.url = url;
        this.running = running;
        this.draining = draining;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** What this node publishes about its Java tasks: its task slots, how many run, the named types it has. */
    public LoadPublisher withTasks(int slots, IntSupplier running, java.util.Collection<String> types) {
        this.taskSlots = slots;
        this.runningTasks = running;
        this.taskTypes = List.copyOf(new java.util.TreeSet<>(types));
        return this;
    }

    /** What this node publishes as the jobs it finished per interval. */
    public LoadPublisher withThroughput(Supplier<Throughput> counts) {
        this.throughput = counts;
        return this;
    }

    /** The named task types some current member has published. */
    public java.util.Set<String> clusterTaskTypes() {
        java.util.Set<String> all = new java.util.TreeSet<>(taskTypes);
        for (NodeInfo n : list()) {
            all.addAll(n.taskTypes());
        }
        return all;
    }

    public void publish() {
        NodeInfo me = self();
        nodes.set(me.id(), me);
    }

    @Override
    public NodeInfo self() {
        Runtime rt = Runtime.getRuntime();
        Member local = hz.getCluster().getLocalMember();
        double load = cpuLoad();
        return new NodeInfo(name, local.getUuid().toString(), local.getAddress().toString(), url.get(), tags, slots,
                running.getAsInt(), Math.max(0, load), rt.totalMemory() - rt.freeMemory(), rt.maxMemory(),
                startedAt, clock.instant(), hz.getLifecycleService().isRunning(), draining.getAsBoolean(), taskSlots,
                runningTasks.getAsInt(), taskTypes, throughput.get());
    }

    /**
     * The machine's recent CPU use, 0 (idle) to 1 (every core busy), as SPEC.md shows it; the
     * load average per core (which exceeds 1 when threads wait for a core) only where the JVM
     * cannot tell.
     */
    private double cpuLoad() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double cpu = sun.getCpuLoad();
            if (cpu >= 0) {
                return Math.min(1, cpu);
            }
        }
        return Math.max(0, os.getSystemLoadAverage() / Math.max(1, os.getAvailableProcessors()));
    }

    /** Every current member, as it last published itself (or from its attributes if not yet). */
    @Override
    public List<NodeInfo> list() {
        Map<String, NodeInfo> published = new HashMap<>(nodes.getAll(memberIds()));
        List<NodeInfo> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            String id = m.getUuid().toString();
            NodeInfo info = published.get(id);
            if (info == null) {
                info = fromAttributes(m);
            }
            out.add(info);
        }
        out.sort(java.util.Comparator.comparing(NodeInfo::name));
        return out;
    }

    @Override
    public NodeInfo drain(String nodeName) {
        for (Member m : hz.getCluster().getMembers()) {
            if (nodeName.equals(m.getAttribute(GridNames.MEMBER_NAME))) {
                hz.getExecutorService(GridNames.EXECUTOR).executeOnMember(new DrainTask(), m);
                NodeInfo info = nodes.get(m.getUuid().toString());
                return info != null ? info : fromAttributes(m);
            }
        }
        throw new io.jobgrid.api.NotFoundException("Node " + nodeName + " is not a member of the cluster");
    }

    /** Forgets the published load of members that have left. */
    public void forgetDeparted() {
        java.util.Set<String> live = memberIds();
        for (String id : nodes.keySet()) {
            if (!live.contains(id)) {
                nodes.delete(id);
            }
        }
    }

    private java.util.Set<String> memberIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        hz.getCluster().getMembers().forEach(m -> ids.add(m.getUuid().toString()));
        return ids;
    }

    private static NodeInfo fromAttributes(Member m) {
        Map<String, String> tags = new HashMap<>();
        m.getAttributes().forEach((k, v) -> {
            if (k.startsWith(GridNames.MEMBER_TAG_PREFIX)) {
                tags.put(k.substring(GridNames.MEMBER_TAG_PREFIX.length()), v);
            }
        });
        String slots = m.getAttribute(GridNames.MEMBER_SLOTS);
        return new NodeInfo(m.getAttribute(GridNames.MEMBER_NAME), m.getUuid().toString(),
                m.getAddress().toString(), null, tags, slots == null ? 0 : Integer.parseInt(slots), 0, 0, 0, 0,
                null, null, true, false, 0, 0, List.of(), Throughput.none());
    }
}
