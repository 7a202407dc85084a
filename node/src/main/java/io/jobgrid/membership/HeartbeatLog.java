package io.jobgrid.membership;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;

import java.time.Duration;
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
 * {@link #install} registers one whose only function is this log. It guards no data
 * structure, so {@link #apply} always says yes.
 */
public final class HeartbeatLog implements SplitBrainProtectionFunction, HeartbeatAware {
    /** Hazelcast's property for how long a silent member is kept before the detector removes it. */
    public static final String MAX_NO_HEARTBEAT = "hazelcast.max.no.heartbeat.seconds";
    /** The split-brain protection config that carries the log: Hazelcast feeds it every heartbeat. */
    static final String CONFIG_NAME = "jobgrid-heartbeats";

    private final Map<UUID, Long> heard = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public HeartbeatLog() {
        this(System::nanoTime);
    }

    HeartbeatLog(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Puts a new log into a member's {@code config}, where Hazelcast feeds it every heartbeat. */
    public static void install(Config config) {
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(CONFIG_NAME, true, 2)
                .setFunctionImplementation(new HeartbeatLog()));
    }

    /** The log of a jobgrid member (its config holds one, put there by {@link #install}). */
    public static HeartbeatLog of(com.hazelcast.core.HazelcastInstance member) {
        SplitBrainProtectionConfig sbp = member.getConfig().getSplitBrainProtectionConfig(CONFIG_NAME);
        if (!(sbp.getFunctionImplementation() instanceof HeartbeatLog log)) {
            throw new IllegalStateException("split-brain protection config " + CONFIG_NAME
                    + " must hold a HeartbeatLog, but was " + sbp.getFunctionImplementation());
        }
        return log;
    }

    /** How long a member may stay silent before the failure detector removes it. */
    public static Duration deadline(Config config) {
        String value = config.getProperty(MAX_NO_HEARTBEAT);
        return Duration.ofSeconds(value == null ? 60 : Long.parseLong(value.trim()));
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
