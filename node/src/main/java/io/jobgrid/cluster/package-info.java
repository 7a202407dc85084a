/**
 * Member bootstrap: the Hazelcast configuration of a node, membership and load publishing, the
 * quorum (which members this node hears heartbeats from, {@link io.jobgrid.cluster.Quorum}), and
 * {@link io.jobgrid.cluster.GridNames}, where every map and queue name lives.
 */
package io.jobgrid.cluster;
