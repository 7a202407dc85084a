package io.jobgrid.client;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.testkit.LoopbackPorts;

import java.util.List;
import java.util.UUID;

/** One real node (Hazelcast member and REST server) in the test JVM, in a cluster of its own. */
final class RealNode implements AutoCloseable {
    private final JobGrid grid;

    private RealNode(JobGrid grid) {
        this.grid = grid;
    }

    static RealNode start(String name) {
        // below the ephemeral range: a port found free there can be taken by an outgoing connection
        int memberPort = LoopbackPorts.forMembers(1, -1);
        return new RealNode(JobGrid.start(NodeConfig.builder().name(name).clusterName("client-test-" + UUID.randomUUID())
                .memberPort(memberPort).members(List.of("127.0.0.1:" + memberPort)).httpPort(0)
                .slots(4).killGraceSeconds(1).build()));
    }

    String url() {
        return grid.url();
    }

    String name() {
        return grid.name();
    }

    @Override
    public void close() {
        grid.close();
    }
}
