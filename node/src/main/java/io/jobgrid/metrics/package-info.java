/**
 * Micrometer meters of a node and their Prometheus registry: job counters and timers fed by the
 * scheduler's events, gauges of slots and running jobs, and the JVM/process/system binders.
 */
package io.jobgrid.metrics;
