package io.jobgrid.events;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.jobgrid.api.Events;
import io.jobgrid.api.GridEvent;
import io.jobgrid.api.NotReadyException;
import io.jobgrid.grid.GridNames;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the cluster's events to this node's stream subscribers. It listens on the event topic
 * only while it has subscribers, so a cluster nobody watches pays nothing for the stream.
 * Membership changes come from this member's own view of the cluster: every member sees every
 * join and departure, so they need no topic.
 */
public final class EventHub implements Events, MembershipListener, AutoCloseable {
    /** Subscribers a node serves at once; each holds a server thread while it streams. */
    public static final int MAX_SUBSCRIBERS = 64;

    private final HazelcastInstance hz;
    private final ITopic<String> topic;
    private final String node;
    private final Clock clock;
    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private UUID topicListener;
    private UUID membershipListener;
    private boolean closed;

    public EventHub(HazelcastInstance hz, String node, Clock clock) {
        this.hz = hz;
        this.topic = hz.getTopic(GridNames.EVENTS);
        this.node = node;
        this.clock = clock;
    }

    public synchronized EventHub start() {
        membershipListener = hz.getCluster().addMembershipListener(this);
        return this;
    }

    /**
     * A new subscription buffering up to {@code capacity} events. Its first event says hello with
     * the current members, so a reader knows where membership stands before any change arrives.
     */
    @Override
    public synchronized Subscription subscribe(int capacity) {
        if (closed) {
            throw new NotReadyException("node " + node + " is shutting down");
        }
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            throw new NotReadyException("node " + node + " already streams events to " + MAX_SUBSCRIBERS
                    + " readers; try another node or later");
        }
        Subscription s = new Subscription(this, capacity);
        s.offer(new GridEvent("hello", EventJson.hello(node, new ArrayList<>(hz.getCluster().getMembers()),
                clock.instant())));
        subscribers.add(s);
        if (topicListener == null) {
            topicListener = topic.addMessageListener(this::onMessage);
        }
        return s;
    }

    synchronized void remove(Subscription s) {
        if (subscribers.remove(s) && subscribers.isEmpty() && topicListener != null) {
            UUID id = topicListener;
            topicListener = null;
            try {
                topic.removeMessageListener(id);
            } catch (HazelcastInstanceNotActiveException e) {
                // the member is gone, and its listener with it
            }
        }
    }

    private void onMessage(Message<String> message) {
        fanOut(new GridEvent("job", message.getMessageObject()));
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        fanOut(new GridEvent("member", EventJson.member("added", event.getMember(), event.getMembers().size(),
                clock.instant())));
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        fanOut(new GridEvent("member", EventJson.member("removed", event.getMember(), event.getMembers().size(),
                clock.instant())));
    }

    private void fanOut(GridEvent event) {
        for (Subscription s : subscribers) {
            if (s.offer(event)) {
                delivered.incrementAndGet();
            }
        }
    }

    void countDrop() {
        dropped.incrementAndGet();
    }

    /** Events dropped because a subscriber's buffer was full, since this node started. */
    public long droppedTotal() {
        return dropped.get();
    }

    /** Events put into subscribers' buffers since this node started. */
    public long deliveredTotal() {
        return delivered.get();
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Ends every subscription, so streaming requests return and the server can stop. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Subscription> all = new ArrayList<>(subscribers);
        all.forEach(Subscription::end);
        subscribers.clear();
        try {
            if (topicListener != null) {
                topic.removeMessageListener(topicListener);
            }
            if (membershipListener != null) {
                hz.getCluster().removeMembershipListener(membershipListener);
            }
        } catch (HazelcastInstanceNotActiveException e) {
            // already shut down
        }
        topicListener = null;
    }
}
