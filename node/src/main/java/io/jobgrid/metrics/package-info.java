/**
 * Micrometer meters of a node and their Prometheus registry: job counters and timers fed by the
 * scheduler's events ({@link io.jobgrid.metrics.GridMetrics} is a {@link io.jobgrid.core.JobEvents}
 * observer), gauges of slots, running jobs, owned records and event streams, REST timers, and the
 * JVM/process/system binders. It adapts; it decides nothing.
 */
package io.jobgrid.metrics;
