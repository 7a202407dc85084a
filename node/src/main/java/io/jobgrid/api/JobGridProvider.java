package io.jobgrid.api;

/**
 * Starts nodes for {@link JobGrid#start}. The node module registers one through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.jobgrid.api.JobGridProvider}), so
 * the public API names no implementation class.
 */
public interface JobGridProvider {
    /** Starts a node with {@code config}: it joins (or forms) its cluster before this returns. */
    JobGrid start(NodeConfig config);
}
