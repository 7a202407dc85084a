/**
 * The node's REST contract as Java records, and {@link io.jobgrid.client.JobgridClient}, a typed
 * client of it on the JDK's HttpClient. Used by the shell and the benchmarks; it depends on
 * Jackson only (no Spring, no Hazelcast, nothing of the node).
 *
 * <p>The records mirror the JSON field for field (the names are part of the contract, SPEC.md
 * sections 3 and 6): requests ({@link io.jobgrid.client.JobRequest}, {@link io.jobgrid.client.DagRequest},
 * {@link io.jobgrid.client.VectorCreate}, {@link io.jobgrid.client.ScheduleRequest}), answers
 * ({@link io.jobgrid.client.JobView}, {@link io.jobgrid.client.NodeView}, {@link io.jobgrid.client.DagView},
 * {@link io.jobgrid.client.VectorInfo}, {@link io.jobgrid.client.ScheduleView},
 * {@link io.jobgrid.client.LimitView}, {@link io.jobgrid.client.ErrorBody})
 * and the events of the stream ({@link io.jobgrid.client.GridEvent}).
 * Answers ignore fields they do not know, so a newer node stays readable. All JSON goes through
 * the one mapper of {@link io.jobgrid.client.Json}. Every failure is a
 * {@link io.jobgrid.client.JobgridClientException} with a sentence and a kind.
 */
package io.jobgrid.client;
