package io.jobgrid.node;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.NodeInfo;
import io.jobgrid.core.JobUpdate;
import io.jobgrid.grid.GridNames;
import io.jobgrid.grid.JobAttributes;
import io.jobgrid.grid.JobMergePolicy;
import io.jobgrid.grid.JobRecordSerializer;
import io.jobgrid.grid.JobUpdateSerializer;
import io.jobgrid.grid.JsonStreamSerializer;
import io.jobgrid.grid.Persistence;
import io.jobgrid.grid.QueueRank;
import io.jobgrid.membership.HeartbeatLog;
import io.jobgrid.vectors.VectorGridConfig;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the Hazelcast configuration of a node: the user's discovery settings (or TCP-IP on
 * loopback), then what jobgrid needs on top of them whatever the file says: Jet on, synchronous
 * backups for every job structure, serializers, indexes, failure-detection timing and how member
 * connections are written.
 */
public final class MemberConfigs {
    private static final String WRITE_THROUGH = "hazelcast.io.write.through";
    private static final String SELECTION_KEY_WAKEUP = "hazelcast.io.selectionKeyWakeupEnabled";

    private MemberConfigs() {
    }

    public static Config build(NodeConfig node) {
        return build(node, null);
    }

    /** The same, with the job, output and schedule maps connected to {@code persistence} (null: in memory only). */
    public static Config build(NodeConfig node, Persistence persistence) {
        Config config = node.hazelcastConfig() == null ? loopbackTcpIp(node) : load(node);
        withJobgrid(config, node);
        if (persistence != null) {
            persistence.configure(config.getMapConfig(GridNames.JOBS), config.getMapConfig(GridNames.LOGS));
            persistence.configureSchedules(config.getMapConfig(GridNames.SCHEDULES));
        }
        return config;
    }

    private static Config load(NodeConfig node) {
        try {
            return Config.loadFromFile(node.hazelcastConfig().toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("hazelcastConfig", "cannot load Hazelcast config "
                    + node.hazelcastConfig() + ": " + e.getMessage());
        }
    }

    private static Config loopbackTcpIp(NodeConfig node) {
        Config config = new Config();
        config.setClusterName(node.clusterName());
        // Hazelcast's own metrics (for Management Center and JMX) are collected every few seconds
        // over every partition and structure, and their code kept the JIT busy long after start; a
        // node's metrics are the Micrometer ones on /metrics. The shipped config files say the
        // same; a Hazelcast config file of one's own decides for itself.
        config.getMetricsConfig().setEnabled(false);
        NetworkConfig net = config.getNetworkConfig();
        net.setPort(node.memberPort()).setPortAutoIncrement(true).setPortCount(100);
        net.getInterfaces().setEnabled(true).addInterface(node.memberBind());
        config.setProperty("hazelcast.local.localAddress", node.memberBind());
        config.setProperty("hazelcast.tcp.join.port.try.count", "20");
        JoinConfig join = net.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(node.members());
        return config;
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Applies what every jobgrid member needs, on top of any user-supplied config. */
    public static Config withJobgrid(Config config, NodeConfig node) {
        // Unique within the JVM (several nodes may be embedded in one) and short, because a thread
        // is named after it ("hz.n1-1.partition-operation.thread-0") and the OS keeps 15 characters.
        config.setInstanceName(node.name() + "-" + INSTANCES.incrementAndGet());
        config.getJetConfig().setEnabled(true);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        failureDetection(config, node);
        networking(config);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

        Map<String, String> attrs = config.getMemberAttributeConfig().getAttributes();
        attrs.put(GridNames.MEMBER_NAME, node.name());
        attrs.put(GridNames.MEMBER_SLOTS, Integer.toString(node.slots()));
        node.tags().forEach((k, v) -> attrs.put(GridNames.MEMBER_TAG_PREFIX + k, v));

        int backups = node.backupCount();
        config.addMapConfig(jobsMap(backups));
        config.addMapConfig(new MapConfig(GridNames.LOGS).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.IDEMPOTENCY).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.SCHEDULES).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.START_DEADLINES).setBackupCount(backups));
        // After a split brain the larger side's permits of a key win (PutIfAbsent, named here so that
        // the README's promise does not rest on a default); holders left stale are dropped when they block.
        // OBJECT format: a key's entry is changed by an entry processor on every start and end of its
        // jobs, so it is not deserialised and serialised again each time.
        config.addMapConfig(new MapConfig(GridNames.PERMITS).setBackupCount(backups)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), 100)));
        config.addMapConfig(new MapConfig(GridNames.QUEUE_REGISTRY).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.NODES).setBackupCount(1));
        // priority queues: every member keeps its queues, primaries and backups, in QueueRank order
        config.addQueueConfig(new QueueConfig(GridNames.QUEUE_PREFIX + "*").setBackupCount(backups)
                .setAsyncBackupCount(0).setPriorityComparatorClassName(QueueRank.class.getName()));
        config.addExecutorConfig(new ExecutorConfig(GridNames.EXECUTOR).setPoolSize(4));
        // the task slots: the node's task dispatcher never hands it more attempts than slots at once
        config.addExecutorConfig(new ExecutorConfig(GridNames.TASK_EXECUTOR)
                .setPoolSize(Math.max(1, node.taskSlots())).setStatisticsEnabled(true));

        VectorGridConfig.apply(config, backups);
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(JobRecord.class)
                .setImplementation(new JobRecordSerializer()));
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(JobUpdate.class)
                .setImplementation(new JobUpdateSerializer()));
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(NodeInfo.class)
                .setImplementation(new JsonStreamSerializer<>(NodeInfo.class, 7002)));
        return config;
    }

    /** The job records' map: its format, merge policy and the attributes that queries read. */
    private static MapConfig jobsMap(int backups) {
        // OBJECT format: entry processors work on the stored record itself, with no deserialising on
        // every update. Records are immutable, so that is safe. No index: Hazelcast copies the value
        // around every update of an indexed map, and the scans that would use it are rare and local.
        MapConfig jobs = new MapConfig(GridNames.JOBS).setBackupCount(backups).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMergePolicyConfig(new MergePolicyConfig(JobMergePolicy.class.getName(), 100));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.STATE, JobAttributes.State.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.NODE, JobAttributes.Node.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.CREATED, JobAttributes.Created.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.START_BY, JobAttributes.StartBy.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.ARRAY, JobAttributes.Array.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.SCHEDULE, JobAttributes.Schedule.class.getName()));
        return jobs;
    }

    /**
     * How fast a member that went silent (hung, or cut off by the network: no TCP reset) is
     * removed: heartbeats every second, and a deadline of {@code heartbeatTimeoutSeconds - 2}
     * seconds (at least 1) without one, checked once a second. A silent member is therefore gone
     * 2-4 s after its last heartbeat with the default timeout of 5. A member killed on the same host
     * is not waited for at all: its closed connections remove it.
     *
     * <p>Why not a shorter {@code max.no.heartbeat} with phi-accrual on top (what this did before):
     * Hazelcast derives more than the detector from that one property. A heartbeat older than half
     * of it (by the cluster clock) is dropped as expired; a heartbeat task that runs half of it late
     * resets every member's heartbeat time, as after a clock jump; and migration and promotion
     * commits use it as their call timeout. At 1 s that meant heartbeats dropped after 500 ms of
     * delay on a loaded host, the detector reset by 500 ms of scheduling jitter, and promotions that
     * timed out after 1 s while the master was re-assigning a lost member's partitions (once leaving
     * partitions with no owner). The deadline keeps all three at sane values (1.5 s, 1.5 s, 3 s)
     * and its timing does not grow with load. Measured ({@code bin/bench chaos}, see README,
     * Failover semantics). An expert may override any of these with a JVM system property of the
     * same name (for instance through {@code JOBGRID_JAVA_OPTS}).
     */
    static void failureDetection(Config config, NodeConfig node) {
        long timeout = Math.max(2, node.heartbeatTimeout().toSeconds());
        detector(config, "hazelcast.heartbeat.interval.seconds", "1");
        detector(config, "hazelcast.heartbeat.failuredetector.type", "deadline");
        detector(config, HeartbeatLog.MAX_NO_HEARTBEAT, Long.toString(Math.max(1, timeout - 2)));
        HeartbeatLog.install(config); // every heartbeat this member accepts is also logged for the quorum
    }

    /**
     * Every write to another member goes through the IO thread that owns the connection, with no
     * "write-through" by the calling thread and no selection-key wake-up. Measured reason: when a
     * member hangs (SIGSTOP; a stuck JVM), the others close their connections to it and open new
     * ones, which its kernel still accepts but its JVM never answers. Right after that, with
     * Hazelcast's defaults, a member's frames to one healthy peer stopped leaving the JVM (kernel
     * send queue empty, no heartbeat at the peer) until the peer suspected it 3 s later and closed
     * the connection; thread dumps in that window showed an IO output thread looping in its task
     * queue instead of returning to its selector, where a connection waiting to be woken up stays
     * asleep. The peer, if master, then removed a healthy member, often right after removing the
     * hung one: two members lost at once, more than a backup count of 1 survives. Same chaos run
     * (hangs only, same seed): 20 healthy members removed and 37 jobs lost with the defaults, none
     * with these two off. Reduced, not gone: a stall of this kind still removed a healthy member
     * about once in 50 hangs (nothing lost); {@link OutboundStallGuard} now closes such a
     * connection after 1.5 s so that Hazelcast reconnects before the peer's detector gives up.
     * The cost is one hand-off to the IO thread per write: the chaos run's makespan did not move
     * (ratio 1.95, against 1.94 before with hangs only); other benchmarks were not re-measured. A
     * JVM system property of the same name overrides either.
     */
    static void networking(Config config) {
        config.setProperty(WRITE_THROUGH, System.getProperty(WRITE_THROUGH, "false"));
        if (System.getProperty(SELECTION_KEY_WAKEUP) == null) {
            // Hazelcast reads this one only from the JVM's properties, when a member starts.
            System.setProperty(SELECTION_KEY_WAKEUP, "false");
        }
    }

    private static void detector(Config config, String property, String value) {
        config.setProperty(property, System.getProperty(property, value));
    }
}
