package io.jobgrid.grid.internal;

import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.internal.networking.Channel;
import com.hazelcast.internal.networking.nio.NioChannel;
import com.hazelcast.internal.networking.nio.NioOutboundPipeline;
import com.hazelcast.internal.server.ServerConnection;
import com.hazelcast.internal.server.ServerConnectionManager;
import com.hazelcast.internal.server.tcp.TcpServerConnection;
import com.hazelcast.spi.impl.NodeEngineImpl;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One of this member's connections to another member, with what its output pipeline (the NIO
 * writer that moves queued frames into the socket) is doing: how many frames wait, and when it
 * last ran. Hazelcast's public API says nothing about connections; only its networking internals
 * know whether frames are leaving.
 *
 * <p>Two instances are equal when they stand for the same connection, so a caller can follow a
 * connection from one {@link Internals#memberConnections()} to the next. The figures are read
 * live on each call.
 */
public final class MemberConnection {
    private final ServerConnection connection;
    private final NioOutboundPipeline out;

    private MemberConnection(ServerConnection connection, NioOutboundPipeline out) {
        this.connection = connection;
        this.out = out;
    }

    /** This member's connections to members that have an NIO output pipeline (all of them, on a real network). */
    static List<MemberConnection> all(NodeEngineImpl engine) {
        ServerConnectionManager connections = engine.getNode().getServer().getConnectionManager(EndpointQualifier.MEMBER);
        List<MemberConnection> all = new ArrayList<>();
        if (connections == null) {
            return all;
        }
        for (ServerConnection connection : connections.getConnections()) {
            if (connection instanceof TcpServerConnection tcp) {
                Channel channel = tcp.getChannel();
                if (channel instanceof NioChannel nio) {
                    all.add(new MemberConnection(connection, nio.outboundPipeline()));
                }
            }
        }
        return all;
    }

    /** The UUID of the member at the other end, or null while the connection is being set up. */
    public UUID peer() {
        return connection.getRemoteUuid();
    }

    /** Whether the connection is open. */
    public boolean alive() {
        return connection.isAlive();
    }

    /** How many frames wait in the output pipeline (normal and urgent). */
    public int framesWaiting() {
        return out.totalFramesPending();
    }

    /** When the output pipeline last ran, in milliseconds of the wall clock. */
    public long lastWriteMillis() {
        return out.lastWriteTimeMillis();
    }

    /**
     * Closes the connection, dropping the frames still waiting; Hazelcast opens a new one when it
     * next sends to that member.
     *
     * @param why the reason, which Hazelcast logs and keeps as the close reason
     */
    public void close(String why) {
        connection.close(why, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberConnection that && connection.equals(that.connection);
    }

    @Override
    public int hashCode() {
        return connection.hashCode();
    }

    /** The peer's address and the connection, as Hazelcast prints them. */
    @Override
    public String toString() {
        return connection.getRemoteAddress() + " (" + connection + ")";
    }
}
