/**
 * Getting jobs from submission to a result with no master: work queues per constraint set,
 * each node pulling work only when it has a free slot, claims fenced by attempt number, retries
 * with backoff, and recovery of a lost member's jobs by the members that own their records.
 */
package io.jobgrid.scheduling;
