/**
 * Getting jobs from submission to a result with no master: work queues per constraint set,
 * each node pulling work only when it has a free slot, claims fenced by attempt number, retries
 * with backoff, and recovery of a lost member's jobs by the members that own their records.
 *
 * <p>Nothing here touches Hazelcast: recovery waits for a departed member's records through
 * {@link io.jobgrid.core.Membership#awaitingPromotion}; the grid adapter behind it lifts
 * Hazelcast's pause on promotions through {@code io.jobgrid.grid.internal.Internals}, the one door
 * to Hazelcast internals.
 */
package io.jobgrid.core;
