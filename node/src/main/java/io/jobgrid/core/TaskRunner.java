package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pulls Java tasks for this node, the way {@link Dispatcher} pulls shell jobs: one thread waits
 * for a free task slot, takes the next task whose route this node has, claims its record (fenced
 * by attempt) and hands the attempt to the {@link TaskExecutor}, which calls {@link #run} on one
 * of its threads. The slot is given back only when the task's code has returned: a task that
 * ignores its interrupt keeps its slot although its record has ended.
 *
 * <p>The result, or the exception, is written with {@link JobUpdates.FinishTask}, so only the
 * attempt the record says is current can end it. A timeout records TIMED_OUT first and then
 * interrupts; a cancel has already ended the record when it interrupts. Both make the task's own
 * late report stale, and it is discarded.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final LocalNode self;
    private final JobStore store;
    private final WorkQueue queues;
    private final Membership membership;
    private final Clock clock;
    private final JobEvents events;
    private final Dependents dependents;
    private final TaskSettings settings;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final TaskOutput output;
    private final Semaphore slots;
    private final Map<JobId, TaskRun> runs = new ConcurrentHashMap<>();
    private final Set<JobId> orphans = ConcurrentHashMap.newKeySet();
    private volatile Jobs jobs;
    private volatile boolean paused;
    private final ClaimLoop intake;
    private final ConcurrencyLimits limits;

    TaskRunner(LocalNode self, Ports ports, Clock clock, Dependents dependents, TaskSettings settings,
               ScheduledExecutorService timer, Executor workers, ConcurrencyLimits limits) {
        this.self = self;
        this.store = ports.store();
        this.queues = ports.queue();
        this.membership = ports.membership();
        this.clock = clock;
        this.events = ports.events();
        this.dependents = dependents;
        this.settings = settings;
        this.timer = timer;
        this.workers = workers;
        this.output = new TaskOutput(ports.logs());
        this.slots = new Semaphore(settings.slots());
        this.limits = limits;
        this.intake = new ClaimLoop("jobgrid-task-dispatcher", self, ports, clock, workers, slots, () -> paused,
                this::begin, limits);
    }

    void start(Jobs api) {
        this.jobs = api;
        if (settings.slots() == 0) {
            return; // this node runs no Java tasks
        }
        intake.start(queues.taskTakerFor(self.tags(), settings.types()::has));
    }

    void stopTaking() {
        intake.stop();
    }

    int running() {
        return runs.size();
    }

    private void begin(JobRecord job) {
        TaskRun run = new TaskRun(job, clock.instant());
        TaskRun older = runs.put(job.id(), run);
        if (older != null && older.supersede()) {
            release(older); // an earlier attempt here whose code never started: its slot comes back now
        }
        if (paused) {
            LOG.info("job={} attempt={} node={} task not started: no quorum", job.id(), job.attempt(), self.name());
            orphans.add(job.id());
            release(run);
            return;
        }
        LOG.info("job={} attempt={} node={} task {} started", job.id(), job.attempt(), self.name(),
                job.spec().task().type());
        events.started(job);
        Duration timeout = job.spec().timeout();
        if (timeout != null) {
            run.timeout = timer.schedule(() -> timedOut(run, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            settings.executor().execute(job.id(), job.attempt());
        } catch (RuntimeException e) {
            LOG.warn("job={} attempt={} node={} task executor refused it ({}); queueing it again", job.id(),
                    job.attempt(), self.name(), e.toString());
            release(run);
            requeueHere(job.id());
        }
    }

    /** Runs the attempt on the calling thread (one of the task executor's) and records how it ended. */
    void run(JobId id, int attempt) {
        TaskRun run = runs.get(id);
        if (run == null || run.attempt() != attempt) {
            return; // handed back before it could start
        }
        if (!run.enter()) {
            release(run); // stopped (cancelled, timed out) before it could start
            return;
        }
        try {
            Ending end = execute(run);
            output.close(run);
            if (!run.abandoned) {
                report(run, new JobUpdates.FinishTask(id, attempt, self.id(), end.outcome(), end.error(), end.result(),
                        clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.warn("job={} attempt={} node={} task result not recorded: {}", id, attempt, self.name(), e.toString());
        } finally {
            run.leave();
            release(run);
        }
    }

    private Ending execute(TaskRun run) {
        try {
            Task<?> task = settings.types().task(run.job().spec().task());
            Object value = task.run(new RunContext(run, output, jobs));
            byte[] bytes = TaskResults.serialize(value);
            if (bytes.length > settings.maxResultBytes()) {
                String why = "the result of " + bytes.length + " bytes serialized is over the limit of "
                        + settings.maxResultBytes() + " bytes (maxResultBytes)";
                return new Ending(JobState.FAILED, why, TaskResult.error("io.jobgrid.api.TooLargeException", why, null));
            }
            return new Ending(JobState.SUCCEEDED, null, TaskResult.value(bytes));
        } catch (Exception | LinkageError | StackOverflowError e) {
            TaskResult error = TaskResults.error(e);
            return new Ending(JobState.FAILED, error.errorType() + ": " + error.errorMessage(), error);
        }
    }

    private record Ending(JobState outcome, String error, TaskResult result) {
    }

    private void release(TaskRun run) {
        if (run.timeout != null) {
            run.timeout.cancel(false);
        }
        runs.remove(run.job().id(), run); // a newer attempt of the job may hold the entry now
        if (run.markReleased()) {
            limits.releaseSoon(run.job().spec(), run.job().id(), run.attempt());
            slots.release();
        }
    }

    private void timedOut(TaskRun run, Duration timeout) {
        String why = "timed out after " + timeout.toMillis() / 1000.0 + " s";
        try {
            report(run, new JobUpdates.FinishTask(run.job().id(), run.attempt(), self.id(), JobState.TIMED_OUT, why,
                    null, clock.instant()));
        } finally {
            run.stop();
        }
    }

    /** Writes how the attempt ended; a refusal by the fence means another attempt or a cancel came first. */
    private void report(TaskRun run, JobUpdate end) {
        for (int tries = 1; ; tries++) {
            try {
                JobRecord after = store.update(run.job().id(), end).after();
                LOG.info("job={} attempt={} node={} task {}", after.id(), run.attempt(), self.name(),
                        after.state() == JobState.QUEUED ? "will retry" : after.state());
                Endings.followUp(after, run.startedAt(), events, queues, dependents);
                return;
            } catch (StaleAttemptException stale) {
                LOG.info("job={} attempt={} node={} late task result discarded: {}", run.job().id(), run.attempt(),
                        self.name(), stale.getMessage());
                return;
            } catch (RuntimeException e) {
                if (!membership.active() || tries >= 5) {
                    throw e;
                }
                LOG.warn("job={} attempt={} node={} reporting a task result failed (try {}): {}", run.job().id(),
                        run.attempt(), self.name(), tries, e.toString());
            }
        }
    }

    /** Interrupts this node's run of {@code id} if it is still at {@code attempt} (any attempt when 0). */
    void kill(JobId id, int attempt) {
        TaskRun run = runs.get(id);
        if (run != null && (attempt == 0 || run.attempt() == attempt)) {
            LOG.info("job={} attempt={} node={} interrupting the task", id, run.attempt(), self.name());
            run.stop();
        }
    }

    /** As {@link Dispatcher#quorum}: without a majority, stop every task and report none of them. */
    void quorum(boolean present) {
        if (!present) {
            paused = true;
            for (TaskRun run : runs.values()) {
                run.abandoned = true;
                orphans.add(run.job().id());
                run.stop();
            }
            return;
        }
        for (JobId id : List.copyOf(orphans)) {
            if (orphans.remove(id)) {
                requeueHere(id);
            }
        }
        paused = false;
    }

    /** Leaving: every local attempt's job goes back to the queue for another node, then its thread is interrupted. */
    void handBack() {
        stopTaking();
        for (TaskRun run : runs.values()) {
            run.abandoned = true;
            requeueHere(run.job().id());
            run.stop();
        }
    }

    private void requeueHere(JobId id) {
        try {
            JobRecord after = store.update(id, new JobUpdates.RequeueLost(id, self.id(), self.name(),
                    clock.instant())).after();
            if (after != null && after.state() == JobState.QUEUED) {
                queues.offer(after);
                events.requeuedAfterNodeLoss(after);
            }
        } catch (RuntimeException e) {
            LOG.warn("job={} node={} task not queued again ({}); the survivors will recover it", id, self.name(),
                    e.toString());
        }
    }

    /** Interrupts local attempts whose record has moved on (cancelled, timed out, re-run elsewhere). */
    void reconcile() {
        if (runs.isEmpty()) {
            return;
        }
        List<TaskRun> snapshot = List.copyOf(runs.values());
        Map<JobId, JobRecord> records = store.getAll(snapshot.stream().map(r -> r.job().id()).toList());
        for (TaskRun run : snapshot) {
            JobRecord r = records.get(run.job().id());
            boolean current = r != null && r.state() == JobState.RUNNING && r.attempt() == run.attempt()
                    && self.id().equals(r.nodeId());
            if (!current && !run.stopped()) {
                LOG.info("job={} attempt={} node={} task is no longer current here; interrupting it", run.job().id(),
                        run.attempt(), self.name());
                run.stop();
            }
        }
    }
}
