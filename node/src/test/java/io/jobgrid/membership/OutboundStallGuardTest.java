package io.jobgrid.membership;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.internal.networking.nio.NioChannel;
import com.hazelcast.internal.networking.nio.NioThread;
import com.hazelcast.internal.server.ServerConnection;
import com.hazelcast.internal.server.tcp.TcpServerConnection;
import com.hazelcast.jet.impl.util.Util;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.node.MemberConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two members on real loopback sockets (the guard reads the NIO pipelines the test factory's mock
 * network does not have). A stall is made by parking the IO threads that run one member's output
 * pipelines, so its frames queue up and none leaves.
 */
class OutboundStallGuardTest {
    private static HazelcastInstance a;
    private static HazelcastInstance b;

    @BeforeAll
    static void start() {
        String cluster = "stall-guard-" + System.nanoTime();
        a = Hazelcast.newHazelcastInstance(MemberConfigs.build(node("a", cluster)));
        b = Hazelcast.newHazelcastInstance(MemberConfigs.build(node("b", cluster)));
        await().atMost(Duration.ofSeconds(30)).until(() -> a.getCluster().getMembers().size() == 2);
    }

    private static NodeConfig node(String name, String cluster) {
        return NodeConfig.builder().name(name).clusterName(cluster).memberBind("127.0.0.1").memberPort(5921)
                .members(List.of("127.0.0.1:5921", "127.0.0.1:5922")).httpPort(-1)
                .heartbeatTimeoutSeconds(20).build(); // Hazelcast's own detector stays out of the way
    }

    @AfterAll
    static void stop() {
        b.getLifecycleService().terminate();
        a.getLifecycleService().terminate();
    }

    @Test
    void leavesFlowingConnectionsAlone() {
        OutboundStallGuard guard = new OutboundStallGuard(a);
        Set<ServerConnection> before = connections(a);

        // 3 s: twice the stall limit, with heartbeats going out every second
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    guard.check(System.currentTimeMillis(), peer -> true);
                    return before.stream().allMatch(ServerConnection::isAlive);
                });
        assertThat(connections(a)).containsAll(before);
    }

    @Test
    void closesAConnectionWhoseFramesStopLeavingWhileItsPeerIsStillHeard() {
        OutboundStallGuard guard = new OutboundStallGuard(a);
        Set<ServerConnection> stalled = connections(a);
        CountDownLatch release = parkWriters(stalled);
        try {
            sendToB();

            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() -> {
                guard.check(System.currentTimeMillis(), peer -> true);
                return stalled.stream().noneMatch(ServerConnection::isAlive);
            });
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> b.getCluster().getMembers().size() == 2
                && !connections(a).isEmpty());
    }

    /** A peer that is not heard from may be hung or cut off: its connection is the detector's. */
    @Test
    void leavesAStalledConnectionToAPeerThatIsNotHeardFrom() {
        OutboundStallGuard guard = new OutboundStallGuard(a);
        Set<ServerConnection> stalled = connections(a);
        CountDownLatch release = parkWriters(stalled);
        try {
            sendToB();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        guard.check(System.currentTimeMillis(), peer -> false);
                        return stalled.stream().allMatch(ServerConnection::isAlive);
                    });
        } finally {
            release.countDown();
        }
    }

    /** Parks the IO threads that run these connections' output pipelines, for up to 10 s. */
    private static CountDownLatch parkWriters(Set<ServerConnection> connections) {
        CountDownLatch release = new CountDownLatch(1);
        Set<NioThread> writers = connections.stream()
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

    /** Frames for b's partitions. */
    private static void sendToB() {
        a.getMap("stall").putAllAsync(IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> i, i -> i)));
    }

    private static Set<ServerConnection> connections(HazelcastInstance member) {
        return Set.copyOf(Util.getNodeEngine(member).getNode().getServer()
                .getConnectionManager(EndpointQualifier.MEMBER).getConnections());
    }
}
