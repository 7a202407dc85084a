package io.jobgrid.node;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.JobGridProvider;
import io.jobgrid.api.NodeConfig;

/** What {@link JobGrid#start} finds through the service loader: a {@link GridNode} of its own member. */
public final class GridNodeProvider implements JobGridProvider {
    @Override
    public JobGrid start(NodeConfig config) {
        return GridNode.start(config);
    }
}
