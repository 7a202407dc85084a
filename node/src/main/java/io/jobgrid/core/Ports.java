package io.jobgrid.core;

import java.util.Objects;

/**
 * Everything the scheduler needs from the world outside it, one port each. The grid supplies
 * Hazelcast adapters ({@code io.jobgrid.grid}); tests can supply the in-memory ones of
 * {@code io.jobgrid.core.memory} and decide every scheduling step without a cluster.
 *
 * @param store       the job records; every state change is atomic on the record
 * @param logs        each attempt's kept output
 * @param queue       where queued jobs wait for a node
 * @param ids         new job ids
 * @param idempotency which job owns an idempotency key
 * @param control     reaches the node that runs an attempt
 * @param membership  who is alive, for recovery
 * @param events      observers of what the scheduler does (metrics, event streams)
 * @param permits     concurrency permits per key
 */
public record Ports(JobStore store, LogStore logs, WorkQueue queue, IdSource ids, IdempotencyKeys idempotency,
                    RemoteControl control, Membership membership, JobEvents events,
                    Permits permits) {
    public Ports {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(permits, "permits");
    }

    /** The same ports with the job store replaced (the archive put behind the grid's map). */
    public Ports withStore(JobStore other) {
        return new Ports(other, logs, queue, ids, idempotency, control, membership, events, permits);
    }
}
