package io.jobgrid.membership;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.grid.internal.MemberConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Closes a connection to another member whose outgoing frames have stopped leaving this JVM, so
 * that Hazelcast opens a new one at once instead of the peer's failure detector removing this
 * (healthy) member 3 s later.
 *
 * <p>The residual false eviction of the chaos runs: right after a hung member is removed, a
 * healthy member's heartbeats stop reaching one peer for 3-4 s while a third member keeps getting
 * them every second. The peer's socket for that connection held no unread bytes ({@code ss},
 * taken during such a silence) and the first heartbeat after the connection was re-opened arrived
 * at once, so the frames were stuck in the sender's Hazelcast output pipeline. It happens right
 * after a change of master or member list: seen after the new partition table arrived. If the
 * stalled peer is the master, it removes the member (and that member, now alone, removes
 * everyone): see README, Failover semantics.
 *
 * <p>A connection counts as stalled when it has had frames waiting, and its output pipeline has
 * not run once, for {@link #STALL_MILLIS} (heartbeats go out every second, so a live connection
 * runs its pipeline at least that often), while its peer is still heard from: its heartbeats
 * arrived within the last second. A peer that stopped reading (hung, in a long GC pause, cut
 * off) fills the socket buffer and holds up the pipeline too, but it is not heard from either,
 * and that connection is left to the failure detector: closing it would only drop frames that
 * may still be delivered. Frames still waiting on a stalled connection are dropped with it, as
 * they would be with the eviction it prevents.
 *
 * <p>What the output pipelines are doing is Hazelcast internals, read through
 * {@link Internals#memberConnections()}. Runs on the quorum thread.
 */
final class OutboundStallGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundStallGuard.class);
    static final long STALL_MILLIS = 1500;

    /** Per connection: the pipeline's last run as seen when frames were first seen waiting, and when. */
    private record Waiting(long lastRun, long since) {
    }

    private final Internals internals;
    private final Map<MemberConnection, Waiting> waiting = new HashMap<>();

    OutboundStallGuard(HazelcastInstance hz) {
        this.internals = Internals.of(hz);
    }

    /**
     * Checks every member connection once.
     *
     * @param now milliseconds of the wall clock, as Hazelcast's pipelines keep them
     * @param heard whether a member (by UUID) was heard from within the last second
     */
    void check(long now, Predicate<UUID> heard) {
        Map<MemberConnection, Waiting> seen = new HashMap<>();
        for (MemberConnection connection : internals.memberConnections()) {
            if (!connection.alive() || connection.framesWaiting() == 0) {
                continue;
            }
            long lastRun = connection.lastWriteMillis();
            Waiting before = waiting.get(connection);
            Waiting current = before != null && before.lastRun() == lastRun ? before : new Waiting(lastRun, now);
            if (now - current.since() >= STALL_MILLIS && connection.peer() != null && heard.test(connection.peer())) {
                String why = "jobgrid: no frame left for " + (now - current.since()) + " ms with "
                        + connection.framesWaiting() + " waiting";
                LOG.warn("closing the connection to {}: {}; Hazelcast opens a new one", connection, why);
                connection.close(why);
                continue;
            }
            seen.put(connection, current);
        }
        waiting.clear();
        waiting.putAll(seen);
    }
}
