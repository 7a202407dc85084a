/**
 * The live event stream of the whole cluster, served as {@link io.jobgrid.api.Events}. Job state
 * changes are published as small JSON messages on one Hazelcast topic by whichever member makes
 * them ({@link io.jobgrid.events.EventPublisher}, a {@link io.jobgrid.core.JobEvents} observer);
 * each node hands them, with its own view of membership changes, to its stream subscribers
 * ({@link io.jobgrid.events.EventHub}). Delivery is best-effort and never slows the grid: every
 * subscriber has a bounded buffer ({@link io.jobgrid.events.Subscription}), and what does not fit
 * is dropped, counted and signalled to that subscriber. The job records stay the truth.
 */
package io.jobgrid.events;
