package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.execution.OutputBuffer;
import io.jobgrid.execution.ProcessRunner;
import io.jobgrid.execution.RunListener;
import io.jobgrid.execution.RunResult;
import io.jobgrid.execution.RunningProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Runs shell jobs on this node. Its {@link ClaimLoop} takes work only while a slot is free, and
 * the node that has waited longest gets the next item, so load spreads evenly with no one deciding
 * for others; a claimed attempt becomes a process here, whose output and result this class sends
 * to the grid.
 */
public final class Dispatcher implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final LocalNode self;
    private final JobStore store;
    private final LogStore logs;
    private final WorkQueue queues;
    private final Membership membership;
    private final ProcessRunner runner;
    private final Clock clock;
    private final JobEvents events;
    private final Executor workers;
    private final Dependents dependents;
    private final Semaphore slots;
    private final Map<JobId, RunningProcess> runs = new ConcurrentHashMap<>();
    private final Set<RunningProcess> dirty = ConcurrentHashMap.newKeySet();
    private final Map<JobId, CompletableFuture<Object>> appends = new ConcurrentHashMap<>();
    private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);
    private volatile boolean leaving;
    private volatile boolean paused;
    private final Set<RunningProcess> abandoned = ConcurrentHashMap.newKeySet();
    private final Set<JobId> orphans = ConcurrentHashMap.newKeySet();
    private final ClaimLoop intake;
    private final ConcurrencyLimits limits;
    /**
     * The spec of each local run of a job with a concurrency key, by attempt (a retry may start
     * here before the previous attempt's end is through), whose permit is given back when it ends.
     */
    private final Map<QueueItem, io.jobgrid.api.JobSpec> keyed = new ConcurrentHashMap<>();

    Dispatcher(LocalNode self, Ports ports, ProcessRunner runner, Clock clock, Executor workers,
               Dependents dependents, ConcurrencyLimits limits) {
        this.self = self;
        this.store = ports.store();
        this.logs = ports.logs();
        this.queues = ports.queue();
        this.membership = ports.membership();
        this.runner = runner;
        this.clock = clock;
        this.events = ports.events();
        this.workers = workers;
        this.dependents = dependents;
        this.slots = new Semaphore(self.slots());
        this.limits = limits;
        this.intake = new ClaimLoop("jobgrid-dispatcher", self, ports, clock, workers, slots, () -> paused, this::start,
                limits);
    }

    void start() {
        intake.start(queues.takerFor(self.tags()));
    }

    /** Stops taking new work; running attempts go on. */
    void stopTaking() {
        intake.stop();
    }

    int running() {
        return runs.size();
    }

    Map<JobId, RunningProcess> runs() {
        return runs;
    }

    /** Kills the local run of {@code id} if it is still at {@code attempt} (any attempt when 0). */
    public void kill(JobId id, int attempt, JobState reason) {
        RunningProcess run = runs.get(id);
        if (run != null && (attempt == 0 || run.attempt() == attempt)) {
            LOG.info("job={} attempt={} node={} killing: {}", id, run.attempt(), self.name(), reason);
            run.kill(reason);
        }
    }

    private void start(JobRecord job) {
        if (paused) {
            // The claim was on its way when this node lost its quorum: run nothing on the minority
            // side. The record stays RUNNING here only; the majority's copy wins the merge.
            LOG.info("job={} attempt={} node={} not started: no quorum", job.id(), job.attempt(), self.name());
            orphans.add(job.id()); // RUNNING here with nothing running it: queued again with the quorum
            limits.release(job.spec(), job.id(), job.attempt());
            slots.release();
            if (!paused) {
                requeueOrphans(); // the quorum came back meanwhile
            }
            return;
        }
        LOG.info("job={} attempt={} node={} started", job.id(), job.attempt(), self.name());
        events.started(job);
        if (job.spec().concurrencyKey() != null) {
            keyed.put(new QueueItem(job.id(), job.attempt()), job.spec());
        }
        runner.start(job.id(), job.attempt(), job.spec(), gridEnv(job), this);
    }

    /**
     * The JOBGRID_* variables a job sees; JOBGRID_TOKEN only when this node's REST needs one,
     * JOBGRID_ARRAY_ID and JOBGRID_ARRAY_INDEX only for a job of a job array.
     */
    private Map<String, String> gridEnv(JobRecord job) {
        Map<String, String> env = new HashMap<>();
        env.put("JOBGRID_JOB_ID", job.id().value());
        env.put("JOBGRID_ATTEMPT", Integer.toString(job.attempt()));
        env.put("JOBGRID_NODE", self.name());
        env.put("JOBGRID_URL", Objects.requireNonNullElse(self.url().get(), ""));
        if (self.token() != null) {
            env.put("JOBGRID_TOKEN", self.token());
        }
        if (job.spec().array() != null) {
            env.put("JOBGRID_ARRAY_ID", job.spec().array().array().value());
            env.put("JOBGRID_ARRAY_INDEX", Integer.toString(job.spec().array().index()));
        }
        return Map.copyOf(env);
    }

    @Override
    public void starting(RunningProcess run) {
        runs.put(run.id(), run); // before the run's thread starts, so even an instant finish finds it here
    }

    @Override
    public void outputReady(RunningProcess run) {
        dirty.add(run);
    }

    /** Sends new output of every running attempt to the grid; called a few times a second. */
    void flushOutput() {
        for (RunningProcess run : dirty) {
            dirty.remove(run);
            sendOutput(run, false);
        }
    }

    /**
     * Appends what the attempt printed since the last send. Appends of one attempt are chained,
     * so they reach the grid in order even though the flusher and the attempt's thread both send.
     */
    private CompletableFuture<Object> sendOutput(RunningProcess run, boolean last) {
        synchronized (run) {
            CompletableFuture<Object> previous = appends.getOrDefault(run.id(), DONE);
            OutputBuffer.Chunk chunk = run.output().take();
            if (chunk == null && !last) {
                return previous;
            }
            OutputBuffer.Chunk send = chunk != null ? chunk : new OutputBuffer.Chunk(run.output().written(), new byte[0]);
            CompletableFuture<Object> next = previous.exceptionally(e -> null).thenCompose(x ->
                    logs.append(run.id(), run.attempt(), send.offset(), send.bytes(), send.stderr(), last));
            appends.put(run.id(), next);
            return next;
        }
    }

    @Override
    public void finished(RunningProcess run, RunResult result) {
        if (leaving || abandoned.remove(run)) {
            runs.remove(run.id(), run);
            appends.remove(run.id());
            releasePermit(run);
            slots.release();
            return; // handed back or abandoned: the attempt's result no longer counts
        }
        try {
            dirty.remove(run);
            if (run.output().written() > 0) {
                try {
                    sendOutput(run, true).join(); // the whole output is in the grid before the state says done
                } catch (RuntimeException e) {
                    // the result counts more than its output: record it even so
                    LOG.warn("job={} attempt={} node={} output not fully stored: {}", run.id(), run.attempt(),
                            self.name(), e.toString());
                }
            }
            report(run, result);
        } catch (RuntimeException e) {
            LOG.warn("job={} attempt={} node={} result not recorded: {}", run.id(), run.attempt(), self.name(), e.toString());
        } finally {
            runs.remove(run.id(), run);
            appends.remove(run.id());
            releasePermit(run);
            slots.release();
        }
    }

    /** After the result is recorded, so that a job woken by the permit finds this one ended. */
    private void releasePermit(RunningProcess run) {
        io.jobgrid.api.JobSpec spec = keyed.remove(new QueueItem(run.id(), run.attempt()));
        if (spec != null) {
            limits.releaseSoon(spec, run.id(), run.attempt());
        }
    }

    private void report(RunningProcess run, RunResult result) {
        JobUpdates.Finish finish = new JobUpdates.Finish(run.id(), run.attempt(), self.id(), result.outcome(),
                result.exitCode(), result.error(), clock.instant());
        for (int tries = 1; ; tries++) {
            try {
                Change change = store.update(run.id(), finish);
                JobRecord after = change.after();
                try {
                    // children first: the log line is not on the path from a parent's end to their release
                    Endings.followUp(after, run.startedAt(), events, queues, dependents);
                } finally {
                    LOG.info("job={} attempt={} node={} {} exit={}", run.id(), run.attempt(), self.name(),
                            after.state() == JobState.QUEUED ? "will retry after " + result.outcome() : after.state(),
                            result.exitCode());
                }
                return;
            } catch (StaleAttemptException stale) {
                LOG.info("job={} attempt={} node={} result discarded: {}", run.id(), run.attempt(), self.name(),
                        stale.getMessage());
                return;
            } catch (RuntimeException e) {
                if (!membership.active()) {
                    return; // this member is leaving: the survivors re-run the job
                }
                if (tries >= 5) {
                    throw e;
                }
                LOG.warn("job={} attempt={} node={} reporting result failed (try {}): {}", run.id(), run.attempt(), self.name(),
                        tries, e.toString());
            }
        }
    }

    /**
     * This node lost (false) or regained (true) a majority of the cluster. Without one it takes no
     * work and kills its running attempts without reporting them: the majority re-runs those jobs,
     * and a result written on this side would only meet the majority's at the merge.
     */
    void quorum(boolean present) {
        if (!present) {
            paused = true;
            for (RunningProcess run : runs.values()) {
                abandoned.add(run);
                orphans.add(run.id());
                run.kill(JobState.CANCELLED);
            }
            return;
        }
        requeueOrphans();
        paused = false;
    }

    /**
     * The attempts abandoned when the quorum went stay RUNNING on this node if no majority re-ran
     * them: there may have been none (a cluster split in halves), or this node was on the bigger
     * side all along and nobody removed it. Nothing runs them, and recovery only handles departed
     * members, so queue them again now, before taking work. A record that moved on (re-run
     * elsewhere, finished) names another node or state, and the update leaves it alone.
     */
    private void requeueOrphans() {
        for (JobId id : List.copyOf(orphans)) {
            if (!orphans.remove(id)) {
                continue; // another thread took it
            }
            try {
                JobRecord after = store.update(id, new JobUpdates.RequeueLost(id, self.id(), self.name(),
                        clock.instant())).after();
                if (after != null && after.state() == JobState.QUEUED) {
                    LOG.info("job={} attempt={} node={} abandoned without quorum; queued again", id, after.attempt(),
                            self.name());
                    queues.offer(after);
                    events.requeuedAfterNodeLoss(after);
                }
            } catch (RuntimeException e) {
                LOG.warn("job={} node={} abandoned attempt not queued again: {}", id, self.name(), e.toString());
            }
        }
    }

    /**
     * Leaving the cluster: queues every local attempt's job again for another node, then kills
     * the local processes. Jobs not handed back in time are recovered by the survivors anyway.
     */
    void handBack() {
        stopTaking();
        leaving = true;
        for (RunningProcess run : runs.values()) {
            try {
                JobRecord after = store.update(run.id(), new JobUpdates.RequeueLost(run.id(), self.id(), self.name(),
                        clock.instant())).after();
                if (after != null && after.state() == JobState.QUEUED) {
                    queues.offer(after);
                    events.requeuedAfterNodeLoss(after);
                }
            } catch (RuntimeException e) {
                LOG.warn("job={} attempt={} node={} not handed back ({}); the survivors will recover it", run.id(),
                        run.attempt(), self.name(), e.toString());
            }
            run.kill(JobState.CANCELLED);
        }
    }

    /**
     * Kills local attempts whose record says they should not be running here any more
     * (cancelled, or re-run elsewhere after this node was presumed dead).
     */
    void reconcile() {
        if (runs.isEmpty()) {
            return;
        }
        List<RunningProcess> snapshot = List.copyOf(runs.values()); // runs started after this are not judged
        Map<JobId, JobRecord> records = store.getAll(snapshot.stream().map(RunningProcess::id).toList());
        for (RunningProcess run : snapshot) {
            JobRecord r = records.get(run.id());
            boolean current = r != null && r.state() == JobState.RUNNING && r.attempt() == run.attempt()
                    && self.id().equals(r.nodeId());
            if (!current && run.pid() > 0) {
                LOG.info("job={} attempt={} node={} is no longer current here ({}); killing it", run.id(), run.attempt(),
                        self.name(),
                        r == null ? "gone" : r.state() + " at attempt " + r.attempt());
                run.kill(JobState.CANCELLED);
            }
        }
    }
}
