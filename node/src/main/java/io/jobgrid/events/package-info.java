/**
 * The live event stream of the whole cluster. Job state changes are published as small JSON
 * messages on one Hazelcast topic by whichever member makes them; each node hands them, with its
 * own view of membership changes, to its stream subscribers. Delivery is best-effort and never
 * slows the grid: every subscriber has a bounded buffer, and what does not fit is dropped,
 * counted and signalled to that subscriber. The job records stay the truth.
 */
package io.jobgrid.events;
