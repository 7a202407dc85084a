package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;
import io.jobgrid.execution.ProcessRunner;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling side of one node, wired and started: its dispatcher, its share of recovery, and
 * the {@link Jobs} API it serves.
 */
public final class Scheduler implements AutoCloseable {
    private static final org.slf4j.Logger LOG_PERMITS = org.slf4j.LoggerFactory.getLogger(Scheduler.class);
    private final ExecutorService workers = Executors.newCachedThreadPool(Daemons.named("jobgrid-run"));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, Daemons.named("jobgrid-timer"));
    /** Recovery's own thread: output flushes and reconciles blocked on a departed member must not delay it. */
    private final ScheduledExecutorService recoveryTimer = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-recovery"));
    /** Only the sweeps right after a member left: the settle sweeps on the other thread block for seconds. */
    private final ScheduledExecutorService lossTimer = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-losses"));
    /**
     * Only the wait for a departed member's partitions to be promoted, and the sweep after it: the
     * sweep on the losses thread may wait on those very partitions (offers to their queues).
     */
    private final ScheduledExecutorService promotionTimer = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-promotions"));
    /** Only the expiry of jobs past their queue deadline: the settle sweeps must not make them late. */
    private final ScheduledExecutorService expiryTimer = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-expiry"));
    private final Dispatcher dispatcher;
    private final TaskRunner tasks;
    private final TaskTypes taskTypes;
    private final GridJobs jobs;
    private final Recovery recovery;
    private final ConcurrencyLimits limits;
    private final Membership membership;

    /**
     * @param ports    the grid as the scheduler sees it (records, queue, logs, ids, membership, events)
     * @param settings how processes run (environment, kill grace, output buffer)
     */
    public Scheduler(Ports ports, LocalNode self, ProcessRunner.Settings settings, Clock clock) {
        this(ports, self, settings, null, clock);
    }

    /**
     * @param taskSettings how Java tasks run here; null: one task slot on a plain thread pool, the
     *                     task classes of this class loader, no named types (the in-memory ports' choice)
     */
    public Scheduler(Ports ports, LocalNode self, ProcessRunner.Settings settings, TaskSettings taskSettings,
                     Clock clock) {
        TaskSettings tasking = taskSettings != null ? taskSettings : new TaskSettings(1,
                TaskTypes.of(Scheduler.class.getClassLoader()), TaskExecutor.local(workers, () -> this),
                java.util.Set::of, TaskSettings.DEFAULT_MAX_RESULT_BYTES);
        ProcessRunner runner = new ProcessRunner(settings, workers, timer, clock);
        Dependents dependents = new Dependents(ports.store(), ports.queue(), clock, ports.events());
        this.membership = ports.membership();
        this.limits = new ConcurrencyLimits(ports.permits(), ports.store(), ports.queue(), clock, workers, timer);
        this.dispatcher = new Dispatcher(self, ports, runner, clock, workers, dependents, limits);
        this.tasks = new TaskRunner(self, ports, clock, dependents, tasking, timer, workers, limits);
        this.taskTypes = tasking.types();
        this.jobs = new GridJobs(ports, dependents, clock, settings.commands(), self.name(), tasking);
        this.recovery = new Recovery(ports, dependents,
                new Recovery.Timers(recoveryTimer, lossTimer, promotionTimer, expiryTimer), clock, limits);
    }

    /** Kills this node's run of {@code id} if it is still at {@code attempt}; what a remote kill lands on. */
    public void kill(JobId id, int attempt) {
        dispatcher.kill(id, attempt, JobState.CANCELLED);
        tasks.kill(id, attempt);
    }

    /**
     * Checks a named task's arguments with this node's type of that name, as a submission at a node
     * without the type asks: null when they are good (or this node has no such type), else the
     * refusal, naming the argument.
     */
    public io.jobgrid.api.InvalidInputException checkTaskArgs(String type, java.util.Map<String, String> args) {
        io.jobgrid.api.TaskType<?> local = taskTypes.named(type);
        if (local == null) {
            return null;
        }
        try {
            local.create(args);
            return null;
        } catch (io.jobgrid.api.InvalidInputException refused) {
            return refused;
        }
    }

    /** Runs attempt {@code attempt} of Java task {@code id} on the calling thread; what the task executor calls. */
    public void runTask(JobId id, int attempt) {
        tasks.run(id, attempt);
    }

    public Scheduler start() {
        recovery.start();
        dispatcher.start();
        tasks.start(jobs);
        timer.scheduleWithFixedDelay(dispatcher::flushOutput, 200, 200, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reconcile, 2, 2, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sweepPermits, 2, 2, TimeUnit.SECONDS);
        return this;
    }

    public Jobs jobs() {
        return jobs;
    }

    /** The cluster's concurrency limits per key. */
    public io.jobgrid.api.Limits limits() {
        return limits;
    }

    private void sweepPermits() {
        try {
            limits.sweep();
        } catch (RuntimeException e) {
            if (membership.active()) { // else this member is leaving or gone: nothing to sweep
                LOG_PERMITS.warn("concurrency permits sweep failed: {}", e.toString());
            }
        }
    }

    /** Shell attempts running on this node now. */
    public int running() {
        return dispatcher.running();
    }

    /** Java task attempts running on this node now (counting those whose record ended but whose code has not returned). */
    public int runningTasks() {
        return tasks.running();
    }

    /** This node gained or lost a majority of the cluster (the membership ring's quorum decides). */
    public void quorum(boolean present) {
        dispatcher.quorum(present);
        tasks.quorum(present);
    }

    /**
     * Asked, as the sweep runs, whether this node is on the majority side. A cut-off node must not
     * re-queue the jobs of the members it no longer sees: they are alive on the other side, and
     * its higher attempt numbers would win the merge over their results.
     */
    public void recoverOnlyWhen(java.util.function.BooleanSupplier majority) {
        recovery.recoverOnlyWhen(majority);
    }

    /** Stops taking work. Running attempts go on until they end or the node leaves. */
    public void stopTaking() {
        dispatcher.stopTaking();
        tasks.stopTaking();
    }

    /**
     * Stops taking work and waits up to {@code grace} for the running attempts to end; what is
     * still running then is handed back to the queue for other nodes.
     */
    public void drain(java.time.Duration grace) {
        dispatcher.stopTaking();
        tasks.stopTaking();
        long until = System.nanoTime() + grace.toNanos();
        try {
            while (dispatcher.running() + tasks.running() > 0 && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.handBack();
        tasks.handBack();
    }

    private void reconcile() {
        try {
            dispatcher.reconcile();
            tasks.reconcile();
        } catch (RuntimeException e) {
            // the grid is busy or leaving; the next round tries again
        }
    }

    /** Hands every local attempt back to the queue, kills its process and stops the threads. */
    @Override
    public void close() {
        dispatcher.handBack();
        tasks.handBack();
        limits.sendAllHeld();
        timer.shutdownNow();
        recoveryTimer.shutdownNow();
        lossTimer.shutdownNow();
        promotionTimer.shutdownNow();
        expiryTimer.shutdownNow();
        workers.shutdown();
    }
}
