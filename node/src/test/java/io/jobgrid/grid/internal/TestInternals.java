package io.jobgrid.grid.internal;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.internal.networking.nio.NioChannel;
import com.hazelcast.internal.networking.nio.NioThread;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.server.tcp.TcpServerConnection;
import com.hazelcast.jet.impl.util.Util;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What tests need of Hazelcast's internals to make the situations the door is for: a master
 * that paused its partition tasks, a member whose frames stop leaving, a serialization service
 * without a member. Kept here, beside {@link InternalsTest}, so that no test elsewhere imports
 * Hazelcast internals either.
 */
public final class TestInternals {
    private TestInternals() {
    }

    /** Whether a member that left still owns partitions in this member's partition table (the public API says null). */
    public static boolean ownsPartitions(HazelcastInstance member, Address departed) {
        IPartitionService partitions = Util.getNodeEngine(member).getPartitionService();
        for (int p = 0; p < partitions.getPartitionCount(); p++) {
            if (departed.equals(partitions.getPartitionOwner(p))) {
                return true;
            }
        }
        return false;
    }

    /** Pauses the master's partition tasks, as Hazelcast does for 3 s after a failed migration; never lifted by itself. */
    public static void pausePartitionTasks(HazelcastInstance master) {
        Util.getNodeEngine(master).getPartitionService().pauseMigration();
    }

    /**
     * Parks the IO threads that run this member's member-connection output pipelines, for up to
     * 10 s: its frames queue up and none leaves. Counting the latch down releases them.
     */
    public static CountDownLatch parkOutputThreads(HazelcastInstance member) {
        CountDownLatch release = new CountDownLatch(1);
        Set<NioThread> writers = Util.getNodeEngine(member).getNode().getServer()
                .getConnectionManager(EndpointQualifier.MEMBER).getConnections().stream()
                .map(c -> ((NioChannel) ((TcpServerConnection) c).getChannel()).outboundPipeline().owner())
                .collect(Collectors.toSet());
        writers.forEach(w -> w.addTaskAndWakeup(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return release;
    }

    /** A value as it comes back from the serialized form a member would send or store. */
    public static <T> T roundTrip(SerializationConfig config, T value) {
        InternalSerializationService serialization = new DefaultSerializationServiceBuilder().setConfig(config).build();
        return serialization.toObject(serialization.toData(value));
    }

    /** How many bytes the serialized form of a value takes. */
    public static int serializedSize(SerializationConfig config, Object value) {
        return new DefaultSerializationServiceBuilder().setConfig(config).build().toData(value).totalSize();
    }

    /**
     * A member of a cluster on real loopback sockets (the connections and their NIO pipelines that
     * the test factory's mock network does not have), joining by TCP from port 5941 on (the
     * next free ports, when another cluster holds some).
     */
    public static Config loopbackMember(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.tcp.join.port.try.count", "10");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig().setPort(5941).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5941");
        return config;
    }
}
