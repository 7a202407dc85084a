/**
 * Member bootstrap: the Hazelcast configuration of a node, membership and load publishing, the
 * quorum (which members this node hears heartbeats from, {@link io.jobgrid.membership.Quorum}), and
 * {@link io.jobgrid.grid.GridNames}, where every map and queue name lives.
 *
 * <h2>Hazelcast internals</h2>
 * {@link io.jobgrid.membership.OutboundStallGuard} reads Hazelcast's internal networking classes (a
 * member connection's NIO output pipeline) to close a connection whose frames have stopped
 * leaving this JVM. They are not public API and may change in any release; Hazelcast is pinned
 * to 5.7.0, and an upgrade must re-run {@code OutboundStallGuardTest}. The quorum thread also runs
 * the {@link io.jobgrid.membership.SilenceDump} diagnostic, off by default.
 */
package io.jobgrid.membership;
