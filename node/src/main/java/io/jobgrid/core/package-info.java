/**
 * Getting jobs from submission to a result with no master: work queues per constraint set,
 * each node pulling work only when it has a free slot, claims fenced by attempt number, retries
 * with backoff, and recovery of a lost member's jobs by the members that own their records.
 *
 * <h2>Hazelcast internals</h2>
 * One class here uses Hazelcast's internal SPI, which is not public API and may change in any
 * release (Hazelcast is pinned to 5.7.0; an upgrade must re-run this package's tests):
 * {@link io.jobgrid.grid.internal.Promotions} lifts the pause Hazelcast's master puts on its
 * partition tasks after a failed migration, so that a departed member's backups are promoted at
 * once. The public API has no way to ask for that.
 */
package io.jobgrid.core;
