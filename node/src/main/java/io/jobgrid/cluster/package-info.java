/**
 * Member bootstrap: the Hazelcast configuration of a node, membership and load publishing, the
 * quorum (which members this node hears heartbeats from, {@link io.jobgrid.cluster.Quorum}), and
 * {@link io.jobgrid.cluster.GridNames}, where every map and queue name lives.
 *
 * <h2>Hazelcast internals</h2>
 * {@link io.jobgrid.cluster.OutboundStallGuard} reads Hazelcast's internal networking classes (a
 * member connection's NIO output pipeline) to close a connection whose frames have stopped
 * leaving this JVM. They are not public API and may change in any release; Hazelcast is pinned
 * to 5.7.0, and an upgrade must re-run {@code OutboundStallGuardTest}. The quorum thread also runs
 * the {@link io.jobgrid.cluster.SilenceDump} diagnostic, off by default.
 */
package io.jobgrid.cluster;
