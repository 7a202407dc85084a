package io.jobgrid.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Whether this node is on the majority side of the cluster, so it may run jobs. A member that
 * vanishes without saying goodbye may be dead or may be running on the other side of a network
 * cut, and from here the two look the same. So the node counts the members it has seen, less those
 * that left on purpose (drain, shutdown), and runs jobs only while it sees a strict majority of
 * them (or {@code minimumClusterSize}, when set). The minority side stops its jobs, which the
 * majority re-runs; it cannot report them anyway.
 */
public final class Quorum implements MembershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);

    private final HazelcastInstance hz;
    private final IMap<String, Boolean> leaving;
    private final int minimum;
    private final Executor executor;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile int expected;
    private volatile boolean present = true;

    public Quorum(HazelcastInstance hz, int minimumClusterSize, Executor executor) {
        this.hz = hz;
        this.leaving = hz.getMap(GridNames.LEAVING);
        this.minimum = minimumClusterSize;
        this.executor = executor;
    }

    public void start() {
        expected = hz.getCluster().getMembers().size();
        hz.getCluster().addMembershipListener(this);
    }

    /** Called with true when this node may run jobs again, false when it may not. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public boolean present() {
        return present;
    }

    /**
     * Whether this side holds a majority right now, from the current member count, without waiting
     * for the membership listener to run: a member that vanished counts as cut off until it is
     * known to have said goodbye. Recovery asks this before re-queueing the jobs of the missing.
     */
    public boolean majorityNow() {
        int size = size();
        return minimum > 0 ? size >= minimum : size * 2 > expected;
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
            check();
        });
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String id = event.getMember().getUuid().toString();
        executor.execute(() -> {
            boolean planned = saidGoodbye(id);
            if (planned) {
                expected = Math.max(size(), expected - 1);
            }
            check();
        });
    }

    private boolean saidGoodbye(String id) {
        try {
            return Boolean.TRUE.equals(leaving.get(id));
        } catch (RuntimeException e) {
            return false; // cannot tell: assume the worst, a cut
        }
    }

    private void check() {
        int size = size();
        boolean now = minimum > 0 ? size >= minimum : size * 2 > expected;
        if (now != present) {
            present = now;
            if (now) {
                LOG.info("quorum regained: {} of {} members; taking jobs again", size, expected);
            } else {
                LOG.warn("quorum lost: this side sees {} of {} members; stopping local jobs, the majority re-runs them",
                        size, expected);
            }
            listeners.forEach(l -> l.accept(now));
        }
    }

    private int size() {
        return hz.getCluster().getMembers().size();
    }
}
