/**
 * The Hazelcast adapters of the scheduler's ports: where job records, output tails, work queues,
 * ids and idempotency keys live in the grid, how a kill reaches another member, and how recovery
 * sees members and partitions. Every distributed object is named in {@link io.jobgrid.grid.GridNames}.
 *
 * <p>{@link io.jobgrid.grid.HzJobStore} keeps records in an IMap with synchronous backups, so any
 * single member's death loses nothing, and applies every state change as an entry processor on
 * the partition that owns the record ({@link io.jobgrid.grid.UpdateProcessor}), so two members
 * racing on one job cannot both win. {@link io.jobgrid.grid.HzLogStore} appends output tails the
 * same way. {@link io.jobgrid.grid.HzWorkQueues} keeps one IQueue per distinct constraint set
 * (and, for Java tasks, per task type); items are hints, the record is the truth. Each is a
 * priority queue ordered by {@link io.jobgrid.grid.QueueRank} (priority with aging, then
 * creation), taken with polls, never a limited {@code drainTo} (wrong on priority queues).
 * {@link io.jobgrid.grid.HzTaskExecutor} runs a claimed Java task through the executor service
 * {@code jobgrid.tasks} of the member that claimed it. {@link io.jobgrid.grid.JobMergePolicy} decides which
 * copy of a record wins when a split brain heals.
 * {@link io.jobgrid.grid.HzPermits} keeps each concurrency key's permits in one IMap entry, changed
 * only by an entry processor running core's change (after a split brain the larger side's entry wins).
 * {@link io.jobgrid.grid.HzScheduleStore} keeps recurring schedules in an IMap, changes them with
 * entry processors, and hands each member the schedules of its own partitions to fire.
 * {@link io.jobgrid.grid.StateCounts} keeps each member's counts, by state, of the records it owns,
 * following a local entry listener and re-read only for partitions it gains;
 * {@link io.jobgrid.grid.SummaryCall} adds every member's up for {@code GET /api/v1/jobs/summary}.
 *
 * <p>The durable history ({@link io.jobgrid.grid.Persistence}) puts a
 * {@link io.jobgrid.history.JobArchive} behind those maps through map stores of our own
 * ({@link io.jobgrid.grid.JobMapStore}, {@link io.jobgrid.grid.LogMapStore},
 * {@link io.jobgrid.grid.ScheduleMapStore}, which always writes through), so a restart of
 * the whole cluster loses at most the last write-behind window; a starting member brings records in
 * with {@code getAll} on the ids the archive lists, never through Hazelcast's bulk load;
 * {@link io.jobgrid.grid.HistoryKeeper} keeps memory bounded and deletes expired history, each
 * member for the records it owns.
 *
 * <p>Only Hazelcast's public API is used here. Every use of its internals, here or in the vectors
 * and membership packages, goes through {@link io.jobgrid.grid.internal.Internals}: see
 * {@code io.jobgrid.grid.internal}.
 */
package io.jobgrid.grid;
