package io.jobgrid.api;

import java.util.List;

/** The members of the grid, as each last published itself. */
public interface Nodes {
    List<NodeInfo> list();

    /** This node's own view of itself. */
    NodeInfo self();
}
