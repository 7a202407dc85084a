package io.jobgrid.shell.support;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.testkit.LoopbackPorts;

import java.nio.file.Path;
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
        return new TestNode(JobGrid.start(config(name).token(token).build()));
    }

    /** A node with a token and a read-only token (which may GET everything and change nothing). */
    public static TestNode start(String name, String token, String readOnlyToken) {
        return new TestNode(JobGrid.start(config(name).token(token).readOnlyToken(readOnlyToken).build()));
    }

    /** A node with {@code settings} laid over the test defaults (say, task types). */
    public static TestNode startWith(String name, java.util.function.UnaryOperator<NodeConfig.Builder> settings) {
        return new TestNode(JobGrid.start(settings.apply(config(name)).build()));
    }

    /** A node serving REST over TLS only, with the key and certificate in a PKCS#12 keystore. */
    public static TestNode startTls(String name, Path keystore, String password) {
        return new TestNode(JobGrid.start(config(name).tlsKeystore(keystore).tlsKeystorePassword(password).build()));
    }

    private static NodeConfig.Builder config(String name) {
        // below the ephemeral range: a port found free there can be taken by an outgoing connection
        int memberPort = LoopbackPorts.forMembers(1, -1);
        return NodeConfig.builder().name(name).clusterName("shell-test-" + UUID.randomUUID())
                .memberPort(memberPort).members(List.of("127.0.0.1:" + memberPort)).httpPort(0)
                .slots(4).killGraceSeconds(1);
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
}
