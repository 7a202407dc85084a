/**
 * The composition root, and the only package that imports every ring: {@link io.jobgrid.node.GridNode}
 * builds a node (the Hazelcast member from {@link io.jobgrid.node.MemberConfigs}, the grid adapters,
 * the scheduler, membership, vectors, events, metrics and REST) and tears it down;
 * {@link io.jobgrid.node.Main} is the command line ({@code jobgrid node ...}) with its log format
 * ({@link io.jobgrid.node.LogFormat}); {@link io.jobgrid.node.GridNodeProvider} is what
 * {@link io.jobgrid.api.JobGrid#start} finds through the service loader.
 */
package io.jobgrid.node;
