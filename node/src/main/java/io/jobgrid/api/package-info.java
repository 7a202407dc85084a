/**
 * The public face of jobgrid, and the innermost ring: what an embedding application, the REST
 * layer and the console all program against. {@link io.jobgrid.api.JobGrid} (a running node),
 * {@link io.jobgrid.api.Jobs}, {@link io.jobgrid.api.Nodes}, {@link io.jobgrid.api.Vectors} and
 * {@link io.jobgrid.api.Events}, {@link io.jobgrid.api.Schedules} (recurring jobs: a
 * {@link io.jobgrid.api.Schedule} knows its own fire times, its cron walked by cron-utils, the one
 * library besides the JDK this package uses; a {@link io.jobgrid.api.ScheduleFire} says which schedule and
 * fire time a job came from); the values they take and give (specs, records, ids, states,
 * vector and node info, the node's configuration); and one exception root,
 * {@link io.jobgrid.api.JobGridException}. Java code runs on the grid as a
 * {@link io.jobgrid.api.Task} (with its {@link io.jobgrid.api.TaskContext}, submitted through
 * {@link io.jobgrid.api.Jobs#submit(io.jobgrid.api.Task, io.jobgrid.api.JobSpec.Builder)} for a
 * {@link io.jobgrid.api.TaskHandle}), or by name through a {@link io.jobgrid.api.TaskType} found
 * by {@link java.util.ServiceLoader} on a node's class path. Many jobs of one spec form a job array
 * ({@link io.jobgrid.api.Jobs#submitArray}: a {@link io.jobgrid.api.JobArray}, each job's place an
 * {@link io.jobgrid.api.ArrayMember}).
 *
 * <p>This package imports no other jobgrid package and nothing of Hazelcast, so the grid behind it
 * can change without breaking callers. {@link io.jobgrid.api.JobGrid#start} finds the node
 * implementation through {@link java.util.ServiceLoader} ({@link io.jobgrid.api.JobGridProvider}).
 */
package io.jobgrid.api;
