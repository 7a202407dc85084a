/**
 * In-memory implementations of every scheduler port ({@link io.jobgrid.core.Ports}) and of the
 * schedules' {@link io.jobgrid.core.ScheduleStore}, for tests
 * that decide scheduling steps without a cluster and for a single-JVM development mode.
 *
 * <p>They keep the contracts the scheduler relies on (atomic record updates, fenced queue items,
 * retries held back until their time on an injected clock, first claim of an idempotency key
 * wins, each change of a key's concurrency permits atomic) and nothing of what makes the grid a
 * grid: no replication, no persistence, no partitions.
 * Everything is lost with the JVM. This package imports only {@code io.jobgrid.api},
 * {@code io.jobgrid.core} and the JDK.
 */
package io.jobgrid.core.memory;
