/**
 * The scheduler: getting jobs from submission to a result with no master. The state machine's
 * atomic transitions ({@link io.jobgrid.core.JobUpdates}), submission and DAG release
 * ({@link io.jobgrid.core.GridJobs}, {@link io.jobgrid.core.Dags},
 * {@link io.jobgrid.core.Dependents}), each node pulling work only when it has a free slot, with
 * claims fenced by attempt number ({@link io.jobgrid.core.Dispatcher}), retries with backoff, and
 * recovery of a departed member's jobs by the members that own their records
 * ({@link io.jobgrid.core.Recovery}, which also expires the owned jobs not started within their
 * queue deadline, {@link io.jobgrid.core.JobUpdates.Expire}), and recurring schedules fired by the member that owns each
 * ({@link io.jobgrid.core.GridSchedules}, behind the port {@link io.jobgrid.core.ScheduleStore}; one job
 * per fire time through the idempotency key {@code schedule:ID:FIRE_MS}). Java tasks take the same
 * path as shell jobs with slots of their own: {@link io.jobgrid.core.TaskRunner} pulls only the
 * tasks whose type this node has ({@link io.jobgrid.core.TaskTypes}), claims them like the
 * dispatcher, runs each through a {@link io.jobgrid.core.TaskExecutor} (the grid's executor
 * service) and writes the result with the fenced {@link io.jobgrid.core.JobUpdates.FinishTask}.
 * Concurrency limits per key ({@link io.jobgrid.core.ConcurrencyLimits}) give a keyed job a permit
 * before its claim, or park it until one is released (at its end, or by recovery for a lost member).
 *
 * <p>No Hazelcast type appears here. The scheduler works against ports, bundled in
 * {@link io.jobgrid.core.Ports}: {@link io.jobgrid.core.JobStore} (records, every state change
 * atomic on the record), {@link io.jobgrid.core.LogStore} (one tail of interleaved output per attempt,
 * its stderr bytes marked: {@link io.jobgrid.core.OutputTail}), {@link io.jobgrid.core.WorkQueue} (which
 * hands out the best-ranked item first: {@link io.jobgrid.api.JobSpec#queueRank}, priority with aging),
 * {@link io.jobgrid.core.IdSource}, {@link io.jobgrid.core.IdempotencyKeys},
 * {@link io.jobgrid.core.RemoteControl}, {@link io.jobgrid.core.Membership},
 * {@link io.jobgrid.core.JobEvents} and {@link io.jobgrid.core.Permits} (concurrency permits per key,
 * each change one atomic {@link io.jobgrid.core.KeyPermits.Change}), with time from an injected {@link java.time.Clock}. The grid
 * ring ({@code io.jobgrid.grid}) adapts them to Hazelcast; {@code io.jobgrid.core.memory} holds
 * in-memory versions, so scheduling decisions are unit-tested in milliseconds without a cluster.
 * Processes are run by the execution ring, which core may use.
 */
package io.jobgrid.core;
