package io.jobgrid.scheduling;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.Daemons;
import io.jobgrid.api.Jobs;
import io.jobgrid.execution.ProcessRunner;
import io.jobgrid.store.JobStore;
import io.jobgrid.store.LogStore;

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
    private final Dispatcher dispatcher;
    private final GridJobs jobs;
    private final Recovery recovery;

    /**
     * @param settings how processes run (environment, kill grace, output buffer)
     * @param logTailBytes output kept in the grid per attempt
     * @param store the job records (the grid's map, with the archive behind it when persistence is on)
     */
    public Scheduler(HazelcastInstance hz, LocalNode self, ProcessRunner.Settings settings, int logTailBytes,
                     Clock clock, JobEvents events, JobStore store) {
        LogStore logs = new LogStore(hz, logTailBytes);
        WorkQueues queues = new WorkQueues(hz, timer, clock);
        ProcessRunner runner = new ProcessRunner(settings, workers, timer, clock);
        Dependents dependents = new Dependents(store, queues, clock, events);
        this.dispatcher = new Dispatcher(self, store, logs, queues, runner, clock, events, workers, dependents);
        this.jobs = new GridJobs(hz, store, logs, queues, dependents, clock, events, settings.commands(),
                self.name());
        this.recovery = new Recovery(hz, store, queues, dependents,
                new Recovery.Timers(recoveryTimer, lossTimer, promotionTimer), clock, events);
        hz.getUserContext().put(KillTask.DISPATCHER_KEY, dispatcher);
    }

    public Scheduler start() {
        recovery.start();
        dispatcher.start();
        timer.scheduleWithFixedDelay(dispatcher::flushOutput, 200, 200, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reconcile, 2, 2, TimeUnit.SECONDS);
        return this;
    }

    public Jobs jobs() {
        return jobs;
    }

    /** Attempts running on this node now. */
    public int running() {
        return dispatcher.running();
    }

    /** This node gained or lost a majority of the cluster; see {@link io.jobgrid.cluster.Quorum}. */
    public void quorum(boolean present) {
        dispatcher.quorum(present);
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
    }

    /**
     * Stops taking work and waits up to {@code grace} for the running attempts to end; what is
     * still running then is handed back to the queue for other nodes.
     */
    public void drain(java.time.Duration grace) {
        dispatcher.stopTaking();
        long until = System.nanoTime() + grace.toNanos();
        try {
            while (dispatcher.running() > 0 && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.handBack();
    }

    private void reconcile() {
        try {
            dispatcher.reconcile();
        } catch (RuntimeException e) {
            // the grid is busy or leaving; the next round tries again
        }
    }

    /** Hands every local attempt back to the queue, kills its process and stops the threads. */
    @Override
    public void close() {
        dispatcher.handBack();
        timer.shutdownNow();
        recoveryTimer.shutdownNow();
        lossTimer.shutdownNow();
        promotionTimer.shutdownNow();
        workers.shutdown();
    }
}
