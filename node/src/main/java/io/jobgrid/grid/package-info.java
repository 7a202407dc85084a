/**
 * Where job records and output tails live. {@link io.jobgrid.core.JobStore} is the contract;
 * {@link io.jobgrid.grid.HzJobStore} keeps records in a Hazelcast IMap with synchronous
 * backups, so any single member's death loses nothing, and applies every state change as an
 * entry processor on the partition that owns the record, so two members racing on one job
 * cannot both win.
 *
 * <p>The durable history ({@link io.jobgrid.grid.Persistence}) puts a
 * {@link io.jobgrid.history.JobArchive} behind those maps through map stores of our own
 * ({@link io.jobgrid.grid.JobMapStore}, {@link io.jobgrid.grid.LogMapStore}), so a restart of
 * the whole cluster loses at most the last write-behind window;
 * {@link io.jobgrid.grid.HistoryKeeper} keeps memory bounded and deletes expired history, each
 * member for the records it owns.
 *
 * <p>Every use of Hazelcast internals, here or in the vectors and membership packages, goes
 * through {@link io.jobgrid.grid.internal.Internals}: see {@code io.jobgrid.grid.internal}.
 */
package io.jobgrid.grid;
