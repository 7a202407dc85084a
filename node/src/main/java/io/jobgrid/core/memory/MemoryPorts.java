package io.jobgrid.core.memory;

import io.jobgrid.core.JobEvents;
import io.jobgrid.core.Ports;

import java.time.Clock;
import java.util.Objects;

/**
 * One in-memory implementation of every port, kept by its concrete type so that a test can reach
 * behind the scheduler: add and remove members, read the queue, see the kills asked for. Several
 * schedulers in one JVM may share one set, as nodes share one grid.
 *
 * <p>Like its parts, it replicates and persists nothing.
 *
 * @param store      the job records
 * @param logs       each attempt's kept output
 * @param queue      the work queues, holding retries until the clock reaches their time
 * @param ids        job ids and idempotency keys
 * @param control    records kills and forwards them to local schedulers
 * @param membership members added and removed by hand
 * @param permits    concurrency permits per key
 */
public record MemoryPorts(MemoryJobStore store, MemoryLogStore logs, MemoryWorkQueue queue, MemoryIds ids,
                          MemoryRemoteControl control, MemoryMembership membership,
                          MemoryPermits permits) {
    /** What {@link #of} keeps of each attempt's output. */
    public static final int LOG_CAP_BYTES = 1024 * 1024;

    public MemoryPorts {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(permits, "permits");
    }

    /**
     * Empty ports for a cluster of one member, {@code selfId} named {@code selfName}.
     *
     * @param clock decides when a retry held back by its backoff may be handed out
     */
    public static MemoryPorts of(Clock clock, String selfId, String selfName) {
        return new MemoryPorts(new MemoryJobStore(), new MemoryLogStore(LOG_CAP_BYTES), new MemoryWorkQueue(clock),
                new MemoryIds(), new MemoryRemoteControl(), new MemoryMembership(selfId, selfName), new MemoryPermits());
    }

    /** The ports as the scheduler takes them, reporting to {@code events}. */
    public Ports ports(JobEvents events) {
        return new Ports(store, logs, queue, ids, ids, control, membership, events, permits);
    }
}
