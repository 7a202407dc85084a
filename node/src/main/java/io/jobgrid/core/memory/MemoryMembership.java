package io.jobgrid.core.memory;

import io.jobgrid.core.Membership;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Members that the caller adds and removes by hand: a test makes a member "leave" with
 * {@link #remove} and every listener hears it at once, on the calling thread. The cluster is
 * always settled and no partition ever awaits promotion, since there are none.
 *
 * <p>Detects nothing by itself: no heartbeats, no failure detection, no split brain.
 */
public final class MemoryMembership implements Membership {
    private final Map<String, String> members = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;

    /** A cluster of one: the member {@code selfId}, named {@code selfName}. */
    public MemoryMembership(String selfId, String selfName) {
        members.put(Objects.requireNonNull(selfId, "selfId"), Objects.requireNonNull(selfName, "selfName"));
    }

    /** Adds a live member and tells the listeners that one joined. */
    public MemoryMembership add(String memberId, String name) {
        members.put(Objects.requireNonNull(memberId, "memberId"), Objects.requireNonNull(name, "name"));
        listeners.forEach(Listener::joined);
        return this;
    }

    /** Removes a member, as if it died, and tells the listeners; false when it was not a member. */
    public boolean remove(String memberId) {
        String name = members.remove(memberId);
        if (name == null) {
            return false;
        }
        listeners.forEach(l -> l.left(memberId, name));
        return true;
    }

    /** This member is shutting down: {@link #active()} answers false from now on. */
    public void shutDown() {
        active = false;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public Set<String> liveMemberIds() {
        return Set.copyOf(members.keySet());
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean settled() {
        return true;
    }

    @Override
    public boolean awaitingPromotion(String memberId) {
        return false;
    }
}
