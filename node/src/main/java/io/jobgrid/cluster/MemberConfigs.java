package io.jobgrid.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.config.AttributeConfig;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.NodeInfo;
import io.jobgrid.compute.VectorGridConfig;
import io.jobgrid.config.NodeConfig;
import io.jobgrid.scheduling.JobUpdateSerializer;
import io.jobgrid.store.JobAttributes;
import io.jobgrid.store.JobMergePolicy;
import io.jobgrid.store.JobUpdate;
import io.jobgrid.store.JsonStreamSerializer;
import io.jobgrid.store.Persistence;

import java.io.IOException;
import java.util.Map;

/**
 * Builds the Hazelcast configuration of a node: the user's discovery settings (or TCP-IP on
 * loopback), then what jobgrid needs on top of them whatever the file says: Jet on, synchronous
 * backups for every job structure, serializers, indexes and failure-detection timing.
 */
public final class MemberConfigs {
    public static final String ATTR_NAME = "jobgrid.name";
    public static final String ATTR_SLOTS = "jobgrid.slots";
    public static final String ATTR_TAG_PREFIX = "tag.";

    private MemberConfigs() {
    }

    public static Config build(NodeConfig node) {
        return build(node, null);
    }

    /** The same, with the job and output maps connected to {@code persistence} (null: in memory only). */
    public static Config build(NodeConfig node, Persistence persistence) {
        Config config = node.hazelcastConfig() == null ? loopbackTcpIp(node) : load(node);
        withJobgrid(config, node);
        if (persistence != null) {
            persistence.configure(config.getMapConfig(GridNames.JOBS), config.getMapConfig(GridNames.LOGS));
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

    /** Applies what every jobgrid member needs, on top of any user-supplied config. */
    public static Config withJobgrid(Config config, NodeConfig node) {
        config.setInstanceName(node.name() + "-" + java.util.UUID.randomUUID());
        config.getJetConfig().setEnabled(true);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        failureDetection(config, node);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

        Map<String, String> attrs = config.getMemberAttributeConfig().getAttributes();
        attrs.put(ATTR_NAME, node.name());
        attrs.put(ATTR_SLOTS, Integer.toString(node.slots()));
        node.tags().forEach((k, v) -> attrs.put(ATTR_TAG_PREFIX + k, v));

        int backups = node.backupCount();
        // OBJECT format: entry processors work on the stored record itself, with no deserialising on
        // every update. Records are immutable, so that is safe. No index: Hazelcast copies the value
        // around every update of an indexed map, and the scans that would use it are rare and local.
        MapConfig jobs = new MapConfig(GridNames.JOBS).setBackupCount(backups).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMergePolicyConfig(new MergePolicyConfig(JobMergePolicy.class.getName(), 100));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.STATE, JobAttributes.State.class.getName()));
        jobs.addAttributeConfig(new AttributeConfig(JobAttributes.NODE, JobAttributes.Node.class.getName()));
        config.addMapConfig(jobs);
        config.addMapConfig(new MapConfig(GridNames.LOGS).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.IDEMPOTENCY).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.QUEUE_REGISTRY).setBackupCount(backups));
        config.addMapConfig(new MapConfig(GridNames.NODES).setBackupCount(1));
        config.addQueueConfig(new QueueConfig(GridNames.QUEUE_PREFIX + "*").setBackupCount(backups)
                .setAsyncBackupCount(0));
        config.addExecutorConfig(new ExecutorConfig(GridNames.EXECUTOR).setPoolSize(4));

        VectorGridConfig.apply(config, backups);
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(JobRecord.class)
                .setImplementation(new JsonStreamSerializer<>(JobRecord.class, 7001)));
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(JobUpdate.class)
                .setImplementation(new JobUpdateSerializer()));
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(NodeInfo.class)
                .setImplementation(new JsonStreamSerializer<>(NodeInfo.class, 7002)));
        return config;
    }

    /**
     * How fast a member that went silent (hung, or cut off by the network: no TCP reset) is
     * removed. Phi-accrual: heartbeats every second; a member is suspected once the time since
     * its last heartbeat exceeds the mean interval, plus an acceptable pause of
     * {@code heartbeatTimeoutSeconds - 4} (at least 1 s), plus about 6 standard deviations of the
     * observed intervals (phi 10, the deviation taken as at least 200 ms). On a quiet host that is
     * 3.2 s, checked once a second, so a silent member is gone within the timeout (default 5); on
     * a loaded host it waits longer instead of evicting a healthy member whose heartbeats jitter.
     * A member killed on the same host is not waited for at all: its closed connections remove it.
     *
     * <p>Chosen by measurement ({@code bin/bench chaos}, 2 shared cores at load average 40-66): a
     * deadline of 4 s overran 5 s (up to 5.7 s); a deadline of 3 s suspected healthy members whose
     * heartbeats stalled 3.3-3.6 s; phi-accrual removed hung and cut-off members after 2.8-5.0 s
     * and suspected no healthy member outside the seconds after another member's disruption (see
     * README, Failover semantics). An expert may override any of these with a JVM system property
     * of the same name (for instance through {@code JOBGRID_JAVA_OPTS}).
     */
    static void failureDetection(Config config, NodeConfig node) {
        long timeout = Math.max(2, node.heartbeatTimeout().toSeconds());
        detector(config, "hazelcast.heartbeat.interval.seconds", "1");
        detector(config, "hazelcast.heartbeat.failuredetector.type", "phi-accrual");
        detector(config, "hazelcast.max.no.heartbeat.seconds", Long.toString(Math.max(1, timeout - 4)));
        detector(config, "hazelcast.heartbeat.phiaccrual.failuredetector.threshold", "10");
        detector(config, "hazelcast.heartbeat.phiaccrual.failuredetector.sample.size", "200");
        detector(config, "hazelcast.heartbeat.phiaccrual.failuredetector.min.std.dev.millis", "200");
    }

    private static void detector(Config config, String property, String value) {
        config.setProperty(property, System.getProperty(property, value));
    }
}
