package io.jobgrid.api;

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
    /**
     * Starts a node with {@code config}, through the {@link JobGridProvider} on the class path.
     *
     * @throws IllegalStateException when no provider is on the class path (the {@code jobgrid-node} jar is missing)
     */
    static JobGrid start(NodeConfig config) {
        return java.util.ServiceLoader.load(JobGridProvider.class, JobGrid.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no io.jobgrid.api.JobGridProvider on the class path: "
                        + "put the jobgrid-node jar on it"))
                .start(config);
    }

    Jobs jobs();

    /** Recurring jobs. */
    Schedules schedules();

    /** Cluster-wide concurrency limits per key ({@link JobSpec#concurrencyKey()}). */
    Limits limits();

    Nodes nodes();

    /** Distributed vectors of doubles, computed where their chunks live. */
    Vectors vectors();

    /** The live event stream of the whole cluster, as this node sees it. */
    Events events();

    /** This node's name, unique in the cluster. */
    String name();

    /** The REST base URL, e.g. {@code http://127.0.0.1:8080}, or null when REST is off. */
    String url();

    @Override
    void close();
}
