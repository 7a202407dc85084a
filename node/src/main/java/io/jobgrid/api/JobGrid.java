package io.jobgrid.api;

import io.jobgrid.config.NodeConfig;

/**
 * A running jobgrid node: a full member of the grid that accepts, places and runs jobs. Close it
 * to leave the cluster; its running jobs are then re-run elsewhere.
 *
 * <pre>{@code
 * try (JobGrid grid = JobGrid.start(NodeConfig.load(path))) {
 *     JobId id = grid.jobs().submit(JobSpec.shell("echo hi"));
 *     JobRecord done = grid.jobs().await(id, Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public interface JobGrid extends AutoCloseable {
    static JobGrid start(NodeConfig config) {
        return io.jobgrid.cluster.GridNode.start(config);
    }

    Jobs jobs();

    Nodes nodes();

    /** Distributed vectors of doubles, computed where their chunks live. */
    io.jobgrid.compute.Vectors vectors();

    /** This node's name, unique in the cluster. */
    String name();

    /** The REST base URL, e.g. {@code http://127.0.0.1:8080}, or null when REST is off. */
    String url();

    @Override
    void close();
}
