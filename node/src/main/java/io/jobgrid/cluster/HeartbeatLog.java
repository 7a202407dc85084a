package io.jobgrid.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When this member last heard a heartbeat from each other member, by this JVM's monotonic clock.
 * {@link Quorum} counts a member as present only if it was heard from recently, so a member cut
 * off from the rest stops its jobs when the heartbeats stop, not when Hazelcast's member list
 * finally shrinks (which, when the cut-off member first claims mastership, takes 5 s more per
 * member it cannot reach).
 *
 * <p>Hazelcast hands every heartbeat it accepts to the {@link HeartbeatAware} functions of the
 * enabled split-brain protection configs (open source, {@code com.hazelcast.splitbrainprotection});
 * {@link MemberConfigs} registers one whose only function is this log. It guards no data
 * structure, so {@link #apply} always says yes.
 */
public final class HeartbeatLog implements SplitBrainProtectionFunction, HeartbeatAware {
    private final Map<UUID, Long> heard = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public HeartbeatLog() {
        this(System::nanoTime);
    }

    HeartbeatLog(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** The log of a jobgrid member (its config holds one, see {@link MemberConfigs}). */
    public static HeartbeatLog of(com.hazelcast.core.HazelcastInstance member) {
        return MemberConfigs.heartbeatLog(member.getConfig());
    }

    @Override
    public void onHeartbeat(Member member, long timestamp) {
        // The time it arrived here, not the sender's timestamp: a heartbeat Hazelcast accepted is
        // proof of life now, and our clock needs no cluster-clock offset.
        heard.put(member.getUuid(), nanos.getAsLong());
    }

    /** {@link System#nanoTime()} of the last heartbeat from {@code member}, or {@code Long.MIN_VALUE}. */
    public long lastHeard(UUID member) {
        return heard.getOrDefault(member, Long.MIN_VALUE);
    }

    /** Drops a member that left the member list, so the log does not grow with every restart. */
    public void forget(UUID member) {
        heard.remove(member);
    }

    @Override
    public boolean apply(Collection<Member> members) {
        return true;
    }
}
