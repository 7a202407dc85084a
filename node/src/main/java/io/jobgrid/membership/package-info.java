/**
 * Member bootstrap: the Hazelcast configuration of a node, membership and load publishing, the
 * quorum (which members this node hears heartbeats from, {@link io.jobgrid.membership.Quorum}), and
 * {@link io.jobgrid.grid.GridNames}, where every map and queue name lives.
 *
 * <p>{@link io.jobgrid.membership.OutboundStallGuard} closes a connection whose frames have stopped
 * leaving this JVM; what a connection's output pipeline is doing is Hazelcast internals, read
 * through {@link io.jobgrid.grid.internal.Internals#memberConnections()} (see that package for
 * how to check a Hazelcast upgrade). The quorum thread also runs the
 * {@link io.jobgrid.membership.SilenceDump} diagnostic, off by default.
 */
package io.jobgrid.membership;
