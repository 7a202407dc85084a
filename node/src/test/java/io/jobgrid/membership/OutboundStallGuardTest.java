package io.jobgrid.membership;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.grid.internal.MemberConnection;
import io.jobgrid.grid.internal.TestInternals;
import io.jobgrid.node.MemberConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
        Set<MemberConnection> before = connections(a);

        // 3 s: twice the stall limit, with heartbeats going out every second
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    guard.check(System.currentTimeMillis(), peer -> true);
                    return before.stream().allMatch(MemberConnection::alive);
                });
        assertThat(connections(a)).containsAll(before);
    }

    @Test
    void closesAConnectionWhoseFramesStopLeavingWhileItsPeerIsStillHeard() {
        OutboundStallGuard guard = new OutboundStallGuard(a);
        Set<MemberConnection> stalled = connections(a);
        CountDownLatch release = TestInternals.parkOutputThreads(a);
        try {
            sendToB();

            // the stall limit is 1.5 s; the rest is room for a loaded machine (it waits only until it holds)
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                guard.check(System.currentTimeMillis(), peer -> true);
                return stalled.stream().noneMatch(MemberConnection::alive);
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
        Set<MemberConnection> stalled = connections(a);
        CountDownLatch release = TestInternals.parkOutputThreads(a);
        try {
            sendToB();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        guard.check(System.currentTimeMillis(), peer -> false);
                        return stalled.stream().allMatch(MemberConnection::alive);
                    });
        } finally {
            release.countDown();
        }
    }

    /** Frames for b's partitions. */
    private static void sendToB() {
        a.getMap("stall").putAllAsync(IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> i, i -> i)));
    }

    private static Set<MemberConnection> connections(HazelcastInstance member) {
        return Set.copyOf(Internals.of(member).memberConnections());
    }
}
