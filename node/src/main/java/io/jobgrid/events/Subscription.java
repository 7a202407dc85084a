package io.jobgrid.events;

import io.jobgrid.api.EventStream;
import io.jobgrid.api.GridEvent;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream reader's bounded buffer. The hub offers without ever waiting; when the buffer is
 * full the event is dropped and counted, and the reader learns how many it missed
 * ({@link #takeDropped()}) before its next event.
 */
public final class Subscription implements EventStream {
    private final BlockingQueue<GridEvent> buffer;
    private final AtomicLong droppedSinceSignal = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final EventHub hub;
    private volatile boolean closed;

    Subscription(EventHub hub, int capacity) {
        this.hub = hub;
        this.buffer = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the hub on Hazelcast's event threads: must not block. */
    boolean offer(GridEvent event) {
        if (closed) {
            return false;
        }
        if (buffer.offer(event)) {
            return true;
        }
        droppedSinceSignal.incrementAndGet();
        droppedTotal.incrementAndGet();
        hub.countDrop();
        return false;
    }

    @Override
    public GridEvent poll(Duration wait) throws InterruptedException {
        return closed ? null : buffer.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public long takeDropped() {
        return droppedSinceSignal.getAndSet(0);
    }

    @Override
    public long droppedTotal() {
        return droppedTotal.get();
    }

    @Override
    public boolean isEmpty() {
        return buffer.isEmpty();
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /** Ends the subscription; a reader blocked in {@link #poll} returns within its wait. */
    void end() {
        closed = true;
        buffer.clear();
    }

    @Override
    public void close() {
        end();
        hub.remove(this);
    }
}
