package io.jobgrid.api;

import java.util.List;

/** The members of the grid, as each last published itself. */
public interface Nodes {
    List<NodeInfo> list();

    /** This node's own view of itself. */
    NodeInfo self();

    /**
     * Starts draining node {@code name}: it takes no new work, lets its running jobs finish (or
     * hands them back after its grace period) and leaves the cluster.
     *
     * @return the node as it was when asked
     * @throws NotFoundException when no member has that name
     */
    NodeInfo drain(String name);
}
