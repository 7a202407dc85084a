/**
 * Getting jobs from submission to a result with no master: work queues per constraint set,
 * each node pulling work only when it has a free slot, claims fenced by attempt number, retries
 * with backoff, and recovery of a lost member's jobs by the members that own their records.
 *
 * <h2>Ports</h2>
 * This package imports no Hazelcast type: it works against the ports bundled in {@link Ports}
 * (job store, log store, work queue, ids, idempotency keys, remote control, membership, events)
 * and an injected {@link java.time.Clock}. The grid's adapters are in {@code io.jobgrid.grid}
 * (the one use of Hazelcast internals, promoting a departed member's backups at once, is behind
 * {@code HzMembership.awaitingPromotion}); in-memory ones, for tests and a single JVM, are in
 * {@link io.jobgrid.core.memory}.
 */
package io.jobgrid.core;
