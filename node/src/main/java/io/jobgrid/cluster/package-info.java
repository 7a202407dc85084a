/**
 * Member bootstrap: the Hazelcast configuration of a node, membership and load publishing, and
 * {@link io.jobgrid.cluster.GridNames}, where every map and queue name lives.
 */
package io.jobgrid.cluster;
