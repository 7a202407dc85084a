package io.jobgrid.api;

import java.time.Duration;

/**
 * One reader's subscription to the live event stream, with a bounded buffer: the grid never waits
 * for a slow reader; events that do not fit are dropped and counted, and the reader learns how
 * many it missed ({@link #takeDropped()}) before its next event. The job records stay the truth.
 */
public interface EventStream extends AutoCloseable {
    /** The next event, or null after {@code wait} with none or once closed. */
    GridEvent poll(Duration wait) throws InterruptedException;

    /** Events dropped since the last call; zero when none were. */
    long takeDropped();

    /** Events dropped since the subscription began. */
    long droppedTotal();

    /** Whether no event is buffered right now. */
    boolean isEmpty();

    /** Whether the stream has ended (closed by the reader, or the node is stopping). */
    boolean closed();

    /** Ends the subscription; a reader blocked in {@link #poll} returns within its wait. */
    @Override
    void close();
}
