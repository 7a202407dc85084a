/**
 * What a member knows and says about the cluster beyond the scheduler's view: the quorum (which
 * members this node hears heartbeats from, {@link io.jobgrid.membership.Quorum}, fed by
 * {@link io.jobgrid.membership.HeartbeatLog}), the node's published load and the cluster's node
 * list ({@link io.jobgrid.membership.LoadPublisher}, which serves {@link io.jobgrid.api.Nodes}),
 * drain requests between members ({@link io.jobgrid.membership.DrainTask}), and the outbound
 * stall guard ({@link io.jobgrid.membership.OutboundStallGuard}), which closes a member connection
 * whose frames have stopped leaving this JVM. The quorum thread also runs the
 * {@link io.jobgrid.membership.SilenceDump} diagnostic, off by default. What a connection's output
 * pipeline is doing is Hazelcast internals, read through
 * {@link io.jobgrid.grid.internal.Internals#memberConnections()}.
 */
package io.jobgrid.membership;
