package io.jobgrid.membership;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.core.Daemons;
import io.jobgrid.grid.GridNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Whether this node is on the majority side of the cluster, so it may run jobs. A member that
 * vanishes without saying goodbye may be dead or may be running on the other side of a network
 * cut, and from here the two look the same. So the node counts the members it has seen, less those
 * that left on purpose (drain, shutdown), and runs jobs only while it hears from a strict majority
 * of them, itself included (or from {@code minimumClusterSize}, when set). The minority side stops
 * its jobs, which the majority re-runs; it cannot report them anyway.
 *
 * <p>"Hears from" means: the member is in Hazelcast's member list <em>and</em> a heartbeat from it
 * arrived within the detector's deadline ({@link HeartbeatLog}). The member list alone is not
 * enough: a member cut off from the rest, when the master's last heartbeat is older than the
 * others', first claims mastership, and Hazelcast 5.7's claim waits 5 s for each member it cannot
 * reach before the list shrinks (13-14 s after the cut, measured), while the majority has re-queued
 * its jobs after about 3 s. The heartbeats stop at the cut, whatever the list says, so the cut-off
 * side stops its jobs within the same deadline after which the majority removes it. A healthy
 * member keeps hearing the other healthy ones while one member hangs, so it keeps its quorum.
 * The counting runs on a thread of its own, every {@value #CHECK_MILLIS} ms, so a grid call that
 * blocks on the minority side cannot delay the stop.
 *
 * <p>The same thread, which knows who is heard from, also runs the {@link OutboundStallGuard} and,
 * when asked for, the {@link SilenceDump} diagnostic.
 */
public final class Quorum implements MembershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);
    private static final long CHECK_MILLIS = 250;
    private static final long HEARD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HazelcastInstance hz;
    private final IMap<String, Boolean> leaving;
    private final int minimum;
    private final Executor executor;
    private final HeartbeatLog heartbeats;
    private final long deadline;
    private final ScheduledExecutorService checks =
            Executors.newSingleThreadScheduledExecutor(Daemons.named("jobgrid-quorum"));
    /** When each member was first in this member's list: a member just joined has not beaten yet. */
    private final Map<UUID, Long> firstSeen = new ConcurrentHashMap<>();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile int expected;
    private volatile boolean present = true;
    private volatile long lastCheck;
    private volatile long resumedAt = Long.MIN_VALUE;
    private final SilenceDump silenceDump = SilenceDump.fromSystemProperties();
    /** On unless {@code -Djobgrid.outboundStallGuard=false} (for measuring without it). */
    private final OutboundStallGuard stallGuard;

    /**
     * @param executor runs the membership callbacks, which read the grid (who said goodbye)
     */
    public Quorum(HazelcastInstance hz, int minimumClusterSize, Executor executor) {
        this.hz = hz;
        this.leaving = hz.getMap(GridNames.LEAVING);
        this.minimum = minimumClusterSize;
        this.executor = executor;
        this.heartbeats = HeartbeatLog.of(hz);
        this.deadline = HeartbeatLog.deadline(hz.getConfig()).toNanos();
        this.stallGuard = "false".equals(System.getProperty("jobgrid.outboundStallGuard"))
                ? null : new OutboundStallGuard(hz);
    }

    public void start() {
        expected = hz.getCluster().getMembers().size();
        lastCheck = System.nanoTime();
        hz.getCluster().addMembershipListener(this);
        checks.scheduleWithFixedDelay(this::checkSafely, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        checks.shutdownNow();
    }

    /** Called with true when this node may run jobs again, false when it may not (on the quorum thread). */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public boolean present() {
        return present;
    }

    /**
     * Whether this side holds a majority right now, from the members heard from, without waiting
     * for the next check: a member that vanished counts as cut off until it is known to have said
     * goodbye. Recovery asks this before re-queueing the jobs of the missing, so it is strict: no
     * fresh deadline after a pause of this member. A member resumed after a hang has heard from
     * nobody since, and while its stale list shrinks one member at a time it must not re-queue
     * the jobs of members that are alive on the other side (seen in a chaos run: a job running
     * on a healthy member was re-queued by the resumed one, and that attempt won the merge).
     */
    public boolean majorityNow() {
        return enough(heard(System.nanoTime(), false));
    }

    /** Says goodbye before a planned leave, so the others shrink their count instead of stopping. */
    public void announceLeaving() {
        try {
            leaving.set(hz.getCluster().getLocalMember().getUuid().toString(), true, 10, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            LOG.debug("could not announce leaving: {}", e.toString());
        }
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        executor.execute(() -> {
            expected = Math.max(expected, size());
            checks.execute(this::checkSafely);
        });
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        UUID uuid = event.getMember().getUuid();
        firstSeen.remove(uuid);
        heartbeats.forget(uuid);
        executor.execute(() -> {
            boolean planned = saidGoodbye(uuid.toString());
            if (planned) {
                expected = Math.max(size(), expected - 1);
            }
            checks.execute(this::checkSafely);
        });
    }

    private boolean saidGoodbye(String id) {
        try {
            return Boolean.TRUE.equals(leaving.get(id));
        } catch (RuntimeException e) {
            return false; // cannot tell: assume the worst, a cut
        }
    }

    private void checkSafely() {
        try {
            if (hz.getLifecycleService().isRunning()) {
                check();
            }
        } catch (RuntimeException e) {
            LOG.debug("quorum check failed: {}", e.toString());
        }
        if (silenceDump != null) {
            try {
                diagnose(System.nanoTime());
            } catch (RuntimeException e) {
                LOG.debug("silence diagnostic failed: {}", e.toString());
            }
        }
        if (stallGuard != null) {
            try {
                long now = System.nanoTime();
                stallGuard.check(System.currentTimeMillis(), uuid -> now - heartbeats.lastHeard(uuid) <= HEARD_NANOS);
            } catch (RuntimeException e) {
                LOG.debug("outbound stall check failed: {}", e.toString());
            }
        }
    }

    /** Runs on the quorum thread only. */
    private void check() {
        long now = System.nanoTime();
        if (now - lastCheck > deadline / 2) {
            // This thread (or the whole JVM: a GC pause, a SIGSTOP) was held up, and heartbeats
            // that arrived meanwhile may still wait to be handled. Judge nobody on that; give every
            // member a fresh deadline, as Hazelcast does after such a jump.
            resumedAt = now;
        }
        lastCheck = now;
        int heard = heard(now, true);
        boolean has = enough(heard);
        if (has != present) {
            present = has;
            if (has) {
                LOG.info("quorum regained: hears from {} of {} members; taking jobs again", heard, expected);
            } else {
                LOG.warn("quorum lost: this side hears from {} of {} members (list: {}); stopping local jobs, "
                        + "the majority re-runs them", heard, expected, size());
            }
            listeners.forEach(l -> l.accept(has));
            lastCheck = System.nanoTime(); // a listener's grid calls are no pause of this member
        }
    }

    private boolean enough(int heard) {
        return minimum > 0 ? heard >= minimum : heard * 2 > expected;
    }

    /**
     * This member, and every other one in the list heard from within the detector's deadline
     * (with {@code grace}, counted from the end of this member's own last pause if later).
     */
    private int heard(long now, boolean grace) {
        long since = grace ? resumedAt : Long.MIN_VALUE;
        int count = 0;
        for (Member m : hz.getCluster().getMembers()) {
            if (m.localMember()) {
                count++;
                continue;
            }
            long last = Math.max(heartbeats.lastHeard(m.getUuid()), firstSeen.computeIfAbsent(m.getUuid(), k -> now));
            if (now - Math.max(last, since) <= deadline) {
                count++;
            }
        }
        return count;
    }

    /** Feeds {@link SilenceDump} every other member's silence. */
    private void diagnose(long now) {
        Map<UUID, Long> silences = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.localMember()) {
                long last = Math.max(heartbeats.lastHeard(m.getUuid()), firstSeen.getOrDefault(m.getUuid(), now));
                silences.put(m.getUuid(), now - Math.max(last, resumedAt));
                names.put(m.getUuid(), m.getAttribute(GridNames.MEMBER_NAME) + " " + m.getAddress());
            }
        }
        silenceDump.check(silences, names);
    }

    private int size() {
        return hz.getCluster().getMembers().size();
    }
}
