package io.jobgrid.api;

/**
 * The live event stream of the whole cluster: job state changes, made anywhere, and members
 * joining and leaving, as this node sees them. Delivery is best effort (see {@link EventStream}).
 */
public interface Events {
    /**
     * Subscribes with a buffer of {@code capacity} events.
     *
     * @throws NotReadyException when this node has as many subscribers as it serves, or is stopping
     */
    EventStream subscribe(int capacity);
}
