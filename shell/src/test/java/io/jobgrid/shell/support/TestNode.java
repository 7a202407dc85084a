package io.jobgrid.shell.support;

import io.jobgrid.api.JobGrid;
import io.jobgrid.config.NodeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * A real jobgrid node in the test JVM (a Hazelcast member with its REST server), started through
 * the public embedding API, in a cluster of its own so it never joins another test's grid.
 * {@link #shared()} is one node for all console tests, closed when the JVM exits.
 */
public final class TestNode implements AutoCloseable {
    private static TestNode shared;

    private final JobGrid grid;

    private TestNode(JobGrid grid) {
        this.grid = grid;
    }

    public static synchronized TestNode shared() {
        if (shared == null) {
            shared = start("shell-t1", null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static TestNode start(String name, String token) {
        int memberPort = freePort();
        JobGrid grid = JobGrid.start(NodeConfig.builder().name(name).clusterName("shell-test-" + UUID.randomUUID())
                .memberPort(memberPort).members(List.of("127.0.0.1:" + memberPort)).httpPort(0).token(token)
                .slots(4).killGraceSeconds(1).build());
        return new TestNode(grid);
    }

    public String url() {
        return grid.url();
    }

    public String name() {
        return grid.name();
    }

    public JobGrid grid() {
        return grid;
    }

    @Override
    public void close() {
        grid.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
