package io.jobgrid.cluster;

import io.jobgrid.api.JobGrid;
import io.jobgrid.config.NodeConfig;

/** A jobgrid node: a Hazelcast member plus the engine. */
public final class GridNode {
    private GridNode() {
    }

    public static JobGrid start(NodeConfig config) {
        throw new UnsupportedOperationException("not yet");
    }
}
