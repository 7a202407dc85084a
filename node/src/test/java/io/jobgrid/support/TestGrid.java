package io.jobgrid.support;

import com.hazelcast.config.Config;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.node.GridNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * An in-JVM cluster of real jobgrid nodes on Hazelcast's test factory (real members, mock
 * network): fast to start, and a member can be terminated abruptly as if its process died.
 */
public final class TestGrid implements AutoCloseable {
    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private final List<GridNode> nodes = new ArrayList<>();
    private int counter;

    public GridNode start(UnaryOperator<NodeConfig.Builder> settings) {
        return start(settings, java.time.Clock.systemUTC());
    }

    /** A node on {@code clock} (a {@code MutableClock} the test moves). */
    public GridNode start(UnaryOperator<NodeConfig.Builder> settings, java.time.Clock clock) {
        counter++;
        NodeConfig config = settings.apply(NodeConfig.builder().name("node-" + counter).httpPort(-1).slots(4)
                .killGraceSeconds(1)).build();
        GridNode node = GridNode.start(config, (Config c) -> {
            c.setProperty("hazelcast.partition.count", "31");
            return factory.newHazelcastInstance(c);
        }, clock);
        nodes.add(node);
        return node;
    }

    public GridNode start() {
        return start(b -> b);
    }

    /** Starts {@code n} nodes and waits until they all see each other. */
    public List<GridNode> start(int n, UnaryOperator<NodeConfig.Builder> settings) {
        List<GridNode> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(start(settings));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                started.stream().allMatch(g -> g.hazelcast().getCluster().getMembers().size() == nodes.size()));
        return started;
    }

    /**
     * Kills a node's member abruptly, as SIGKILL would: no goodbye, no hand-back. It first waits
     * until the cluster is safe (no migration under way, every backup in place): the failure
     * model is one member at a time with its backups made, and a member killed while a join's
     * migrations still give partitions their backups can take records with it, with any
     * backup count (seen: a job submitted right after three members started was gone).
     */
    public void terminate(GridNode node) {
        powerCut(List.of(node));
    }

    /** Kills these nodes' members abruptly, one right after the other, once the cluster is safe. */
    public void powerCut(List<GridNode> victims) {
        awaitSafe(victims.get(0));
        victims.forEach(v -> v.hazelcast().getLifecycleService().terminate());
    }

    /**
     * Waits until no migration is under way and every backup is in place, as seen from {@code node};
     * returns at once when that is already so. A test that kills a member while jobs of a few seconds
     * run calls it before submitting them, so that the kill does not wait while they end.
     */
    public static void awaitSafe(GridNode node) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(30))
                .until(() -> node.hazelcast().getPartitionService().isClusterSafe());
    }

    public static JobRecord awaitState(GridNode node, JobId id, JobState state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() ->
                node.jobs().get(id).map(JobRecord::state).orElse(null) == state);
        return node.jobs().require(id);
    }

    @Override
    public void close() {
        for (GridNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // already terminated
            }
        }
        factory.terminateAll();
    }
}
