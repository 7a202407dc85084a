package io.jobgrid.core;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobArray;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.TooLargeException;
import io.jobgrid.execution.CommandPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Jobs} API as any node serves it: submissions are stored and queued from here,
 * reads go to the records, cancels are atomic on the record and then reach the running node.
 */
public final class GridJobs implements Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(GridJobs.class);

    private final JobStore store;
    private final LogStore logs;
    private final WorkQueue queues;
    private final IdSource ids;
    private final IdempotencyKeys idempotency;
    private final RemoteControl control;
    private final Clock clock;
    private final JobEvents events;
    private final Dependents dependents;
    private final Dags dags;
    private final CommandPolicy commands;
    private final String nodeName;
    /** The most jobs one {@link #submitAll} takes: as many as a DAG may hold. */
    static final int MAX_BATCH = DagPlan.MAX_JOBS;

    private final TaskSettings tasks;
    /** How many cancels of an array are in flight at once. */
    private static final int CANCEL_WINDOW = 1000;
    /** Records stored (and then queued) in one step of a batch or array. */
    private static final int STORE_CHUNK = 1000;

    GridJobs(Ports ports, Dependents dependents, Clock clock, CommandPolicy commands, String nodeName,
             TaskSettings tasks) {
        this.tasks = tasks;
        this.store = ports.store();
        this.logs = ports.logs();
        this.queues = ports.queue();
        this.ids = ports.ids();
        this.idempotency = ports.idempotency();
        this.control = ports.control();
        this.clock = clock;
        this.events = ports.events();
        this.dependents = dependents;
        this.dags = new Dags(store, queues, dependents, ids, clock, events);
        this.commands = commands;
        this.nodeName = nodeName;
    }

    @Override
    public JobId submit(JobSpec spec) {
        check(spec); // before anything is stored
        requireParents(spec);
        JobId id = ids.next();
        boolean fresh = true;
        if (spec.idempotencyKey() != null) {
            Optional<JobId> first = idempotency.claim(spec.idempotencyKey(), id);
            if (first.isPresent()) {
                JobId existing = first.get();
                if (store.get(existing).isPresent()) {
                    return existing;
                }
                id = existing; // the first submitter died between claiming the key and storing the job
                fresh = false;
            }
        }
        JobRecord job = JobRecord.submitted(id, spec, clock.instant());
        boolean created = true;
        if (fresh) {
            store.createNew(job);
        } else {
            created = store.create(job);
        }
        if (created) {
            events.submitted(job);
            if (job.state() == JobState.WAITING) {
                dependents.link(job);
            } else {
                // If this member dies before the offer, the record owners queue the job again (Recovery).
                queues.offer(job);
            }
        }
        return id;
    }

    /**
     * Checks every spec, then stores the records without idempotency keys in one batch and queues
     * them in one more; keyed specs go through {@link #submit} one by one, since each must claim
     * its key before anything is stored.
     */
    @Override
    public List<JobId> submitAll(List<JobSpec> specs) {
        if (specs.size() > MAX_BATCH) {
            throw new TooLargeException("jobs", "a batch may hold at most " + MAX_BATCH + " jobs, but had "
                    + specs.size());
        }
        java.util.Set<JobId> parents = new java.util.LinkedHashSet<>();
        for (JobSpec spec : specs) {
            check(spec);
            parents.addAll(spec.dependsOn());
        }
        requireExisting(parents);
        Instant now = clock.instant();
        List<JobId> out = new ArrayList<>(specs.size());
        List<JobRecord> plain = new ArrayList<>();
        for (JobSpec spec : specs) {
            if (spec.idempotencyKey() == null) {
                JobRecord job = JobRecord.submitted(ids.next(), spec, now);
                plain.add(job);
                out.add(job.id());
            } else {
                out.add(null); // submitted below, once the batch is stored
            }
        }
        storeBatch(plain);
        for (int i = 0; i < specs.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, submit(specs.get(i)));
            }
        }
        return out;
    }

    /**
     * Stores fresh records and queues them (or links them to their parents), a chunk at a time, so
     * that each stored chunk is queued at once. If a chunk fails, what was stored of the batch is
     * cancelled and the caller told so: a record stored but never queued would wait for ever in a
     * stable cluster (Recovery queues again only when membership changes), and a caller that sees
     * an error would submit the batch again.
     */
    private void storeBatch(List<JobRecord> records) {
        int tried = 0;
        try {
            while (tried < records.size()) {
                List<JobRecord> chunk = records.subList(tried, Math.min(records.size(), tried + STORE_CHUNK));
                tried += chunk.size();
                store.createAll(chunk);
                chunk.forEach(events::submitted);
                chunk.stream().filter(r -> r.state() == JobState.WAITING).forEach(dependents::link);
                // If this member dies before the offer, the record owners queue the jobs again (Recovery).
                queues.offerAll(chunk.stream().filter(r -> r.state() == JobState.QUEUED).toList());
            }
        } catch (RuntimeException e) {
            int withdrawn = withdraw(records.subList(0, tried));
            throw new JobGridException("storing " + records.size() + " jobs failed after " + tried + " were tried ("
                    + e.getMessage() + "); the " + withdrawn + " of them that were stored and not yet ended are cancelled "
                    + "(a job queued before the failure may have run already), the rest were never stored", e);
        }
    }

    /** Cancels whatever of these fresh records was stored; returns how many were. */
    private int withdraw(List<JobRecord> tried) {
        CancelOutcome outcome = cancelAll(tried.stream().map(JobRecord::id).toList(), true);
        if (outcome.failure() != null) {
            LOG.error("jobs={} of a failed batch could not all be cancelled: {}", tried.size(),
                    outcome.failure().getMessage());
        }
        return outcome.cancelled();
    }

    /**
     * Checks the spec once, then stores the array's records as one batch: no idempotency key (one
     * key cannot name many jobs, and a key per job would cost a claim per job) and no parents (each
     * job would add itself to its parents' records, a write per job on one record).
     */
    @Override
    public JobArray submitArray(JobSpec spec, int count) {
        JobArray.checkCount(count);
        if (spec.idempotencyKey() != null) {
            throw new InvalidInputException("idempotencyKey", "a job array takes no idempotencyKey, but had '"
                    + spec.idempotencyKey() + "'");
        }
        if (!spec.dependsOn().isEmpty()) {
            throw new InvalidInputException("dependsOn", "a job array takes no dependsOn, but named "
                    + spec.dependsOn().size() + " jobs (make the array from a job that runs after them)");
        }
        check(spec);
        JobId arrayId = ids.next();
        Instant now = clock.instant();
        List<JobRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(JobRecord.submitted(ids.next(), spec.inArray(arrayId, i), now));
        }
        try {
            storeBatch(records);
        } catch (JobGridException e) {
            throw new JobGridException("job array " + arrayId + ": " + e.getMessage(), e);
        }
        LOG.info("array={} jobs={} submitted", arrayId, count);
        return new JobArray(arrayId, records.stream().map(JobRecord::id).toList());
    }

    @Override
    public int cancelArray(JobId arrayId) {
        List<JobId> open = new ArrayList<>();
        boolean any = false;
        JobQuery page = new JobQuery(null, null, null, null, null, JobQuery.MAX_LIMIT, null, arrayId);
        while (true) {
            List<JobRecord> found = store.query(page);
            any |= !found.isEmpty();
            found.stream().filter(r -> !r.state().isTerminal()).forEach(r -> open.add(r.id()));
            if (found.size() < page.limit()) {
                break;
            }
            page = page.after(found.get(found.size() - 1).id());
        }
        if (!any) {
            throw new NotFoundException("Job array " + arrayId + " does not exist");
        }
        int cancelled = 0;
        RuntimeException failure = null;
        for (int from = 0; from < open.size(); from += CANCEL_WINDOW) {
            CancelOutcome window = cancelAll(open.subList(from, Math.min(open.size(), from + CANCEL_WINDOW)), false);
            cancelled += window.cancelled();
            failure = failure == null ? window.failure() : failure;
        }
        LOG.info("array={} cancelled={} of {} unfinished", arrayId, cancelled, open.size());
        if (failure != null) {
            throw new JobGridException("job array " + arrayId + ": " + cancelled + " of " + open.size()
                    + " unfinished jobs cancelled; the others could not be (" + failure.getMessage()
                    + "): cancel the array again", failure);
        }
        return cancelled;
    }

    /** How many of a set of cancels took, and the first failure other than a job that had ended. */
    private record CancelOutcome(int cancelled, RuntimeException failure) {
    }

    /**
     * Cancels jobs with their updates in flight together; one that ended meanwhile is left as it is,
     * and with {@code missingIsFine} so is one that does not exist. Every cancel that took is
     * followed up (event, kill, dependents) even when others failed.
     */
    private CancelOutcome cancelAll(List<JobId> window, boolean missingIsFine) {
        Instant now = clock.instant();
        List<java.util.concurrent.CompletableFuture<Change>> updates = new ArrayList<>(window.size());
        for (JobId id : window) {
            updates.add(store.updateAsync(id, new JobUpdates.Cancel(id, now)).toCompletableFuture());
        }
        int cancelled = 0;
        RuntimeException failure = null;
        for (java.util.concurrent.CompletableFuture<Change> update : updates) {
            Change change;
            try {
                change = update.join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                boolean fine = cause instanceof io.jobgrid.api.IllegalStateChangeException // ended meanwhile
                        || missingIsFine && cause instanceof io.jobgrid.api.NotFoundException;
                if (!fine && failure == null) {
                    failure = cause instanceof RuntimeException r ? r : e;
                }
                continue;
            }
            JobRecord after = change.after();
            events.cancelled(after);
            if (change.from() == JobState.RUNNING && after.nodeId() != null) {
                control.kill(after.nodeId(), after.id(), after.attempt());
            }
            dependents.ended(after);
            cancelled++;
        }
        return new CancelOutcome(cancelled, failure);
    }

    @Override
    public java.util.Map<JobState, Long> summary() {
        return store.countByState();
    }

    private void check(JobSpec spec) {
        if (spec.hasTask()) {
            checkTask(spec);
        } else {
            commands.check(spec, nodeName);
        }
    }

    /**
     * A named task must be a type some node has; when this node has it, its arguments are checked
     * by the type itself (a bad one names {@code args.X}). Env and workdir mean nothing to a task.
     */
    private void checkTask(JobSpec spec) {
        if (!spec.env().isEmpty() || spec.workdir() != null) {
            throw new InvalidInputException(spec.env().isEmpty() ? "workdir" : "env",
                    "a Java task takes no env or workdir, but had " + (spec.env().isEmpty() ? "a workdir" : "env"));
        }
        io.jobgrid.api.TaskSpec task = spec.task();
        if (!task.named()) {
            return;
        }
        io.jobgrid.api.TaskType<?> local = tasks.types().named(task.type());
        if (local != null) {
            local.create(task.args());
            return;
        }
        java.util.Set<String> known = tasks.clusterTypes().get();
        if (!known.contains(task.type())) {
            throw new InvalidInputException("task", "task must name a task type some node has " + known
                    + ", but was '" + task.type() + "'");
        }
        tasks.executor().checkArgsElsewhere(task.type(), task.args()); // a node that has the type checks them
    }

    @Override
    public <R> io.jobgrid.api.TaskHandle<R> submit(io.jobgrid.api.Task<R> task, JobSpec.Builder options) {
        return task(submit(options.task(io.jobgrid.api.TaskSpec.of(task)).build()));
    }

    @Override
    public <R> List<io.jobgrid.api.TaskHandle<R>> submitAll(List<? extends io.jobgrid.api.Task<R>> tasks,
                                                            JobSpec.Builder options) {
        JobSpec template = options.task(io.jobgrid.api.TaskSpec.named("batch", java.util.Map.of())).build();
        List<JobSpec> specs = new java.util.ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            JobSpec.Builder one = template.toBuilder().task(io.jobgrid.api.TaskSpec.of(tasks.get(i)));
            if (template.idempotencyKey() != null) {
                one.idempotencyKey(template.idempotencyKey() + "/" + i);
            }
            specs.add(one.build());
        }
        List<JobId> ids = submitAll(specs); // one store call and one queue call for the batch
        return ids.stream().<io.jobgrid.api.TaskHandle<R>>map(this::task).toList();
    }

    @Override
    public <R> io.jobgrid.api.TaskHandle<R> task(JobId id) {
        return new GridTaskHandle<>(id, this, tasks.types());
    }

    @Override
    public void validate(JobSpec spec) {
        check(spec);
        requireParents(spec);
    }

    private void requireParents(JobSpec spec) {
        requireExisting(spec.dependsOn());
    }

    private void requireExisting(java.util.Collection<JobId> parentIds) {
        if (parentIds.isEmpty()) {
            return;
        }
        java.util.Map<JobId, JobRecord> found = store.getAll(parentIds);
        for (JobId parent : parentIds) {
            if (!found.containsKey(parent)) {
                throw new InvalidInputException("dependsOn", "dependsOn names job " + parent + ", which does not exist");
            }
        }
    }

    @Override
    public java.util.Map<String, JobId> submitDag(List<DagJob> jobs) {
        for (DagJob job : jobs) {
            if (job.spec().hasTask()) {
                checkTask(job.spec()); // an unknown type would wait in a queue no node serves
            }
        }
        return dags.submit(jobs);
    }

    @Override
    public List<JobRecord> dag(JobId id) {
        return dags.walk(id);
    }

    @Override
    public Optional<JobRecord> get(JobId id) {
        return store.get(id);
    }

    @Override
    public List<JobRecord> list(JobQuery query) {
        return store.query(query);
    }

    @Override
    public JobRecord cancel(JobId id, boolean cascade) {
        if (cascade) {
            store.get(id).ifPresent(this::cancelBelow);
        }
        JobRecord after;
        boolean cancelled = true;
        try {
            after = cancelOne(id);
        } catch (io.jobgrid.api.IllegalStateChangeException ended) {
            if (!cascade) {
                throw ended;
            }
            // the job itself has ended; the cascade above still stopped what was left below it
            after = store.get(id).orElseThrow(() -> ended);
            cancelled = false;
        }
        if (cancelled) {
            dependents.ended(after);
        }
        return after;
    }

    /**
     * Cancels every unfinished descendant of {@code top}, deepest first and before {@code top}
     * itself: a cancelled job's dependents are skipped as soon as it ends (its process may be
     * killed within milliseconds), so a job cancelled before the jobs below it would race them
     * into SKIPPED instead of CANCELLED.
     */
    private void cancelBelow(JobRecord top) {
        java.util.Deque<JobId> todo = new java.util.ArrayDeque<>(top.children());
        java.util.Set<JobId> seen = new java.util.HashSet<>();
        java.util.List<JobId> below = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            JobId child = todo.poll();
            if (!seen.add(child)) {
                continue;
            }
            store.get(child).ifPresent(r -> {
                if (!r.state().isTerminal()) {
                    below.add(child);
                }
                todo.addAll(r.children());
            });
        }
        for (int i = below.size() - 1; i >= 0; i--) {
            try {
                cancelOne(below.get(i));
            } catch (io.jobgrid.api.IllegalStateChangeException ended) {
                // finished (or was skipped) meanwhile
            }
        }
    }

    private JobRecord cancelOne(JobId id) {
        Change change = store.update(id, new JobUpdates.Cancel(id, clock.instant()));
        JobRecord after = change.after();
        LOG.info("job={} attempt={} node={} cancelled (was {})", id, after.attempt(), after.node(), change.from());
        events.cancelled(after);
        if (change.from() == JobState.RUNNING && after.nodeId() != null) {
            control.kill(after.nodeId(), id, after.attempt());
        }
        return after;
    }

    @Override
    public JobLog logs(JobId id, int attempt, long from) {
        JobRecord job = require(id);
        int latest = Math.max(1, job.attempt());
        if (attempt < 0 || attempt > latest) {
            throw new InvalidInputException("attempt", "attempt must be between 1 and " + latest
                    + " for job " + id + ", but was " + attempt);
        }
        if (from < 0) {
            throw new InvalidInputException("from", "from must not be negative, but was " + from);
        }
        return logs.read(id, attempt == 0 ? latest : attempt, from);
    }

    @Override
    public void follow(JobId id, int attempt, long from, JobLog.Stream stream, OutputStream out)
            throws IOException {
        new LogFollow(this).follow(id, attempt, from, stream, out);
    }

    @Override
    public JobRecord await(JobId id, Duration timeout) {
        Instant until = clock.instant().plus(timeout);
        long pause = 2;
        while (true) {
            JobRecord job = store.get(id).orElseThrow(() -> NotFoundException.job(id));
            if (job.state().isTerminal() || !clock.instant().isBefore(until)) {
                return job;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
            pause = Math.min(100, pause * 2);
        }
    }
}
