package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Releases and skips jobs that wait for others. Whoever ends a job tells its children, one atomic
 * update on each child's record; a child counts its succeeded parents itself, so no member
 * coordinates the graph. A skip travels on down the graph the same way.
 *
 * <p>If the member that ended a parent dies before telling every child, the owners of the
 * waiting records catch up in {@link #repair}, which is idempotent.
 */
final class Dependents {
    private static final Logger LOG = LoggerFactory.getLogger(Dependents.class);

    private final JobStore store;
    private final WorkQueue queues;
    private final Clock clock;
    private final JobEvents events;

    Dependents(JobStore store, WorkQueue queues, Clock clock, JobEvents events) {
        this.store = store;
        this.queues = queues;
        this.clock = clock;
        this.events = events;
    }

    /** {@code job} has reached a terminal state: tell its children, and theirs if they are skipped. */
    void ended(JobRecord job) {
        if (job.children().isEmpty() || !job.state().isTerminal()) {
            return;
        }
        Deque<JobRecord> todo = new ArrayDeque<>();
        todo.add(job);
        while (!todo.isEmpty()) {
            JobRecord parent = todo.poll();
            for (JobRecord after : tellAll(parent)) {
                if (after.state().isTerminal() && !after.children().isEmpty()) {
                    todo.add(after);
                }
            }
        }
    }

    /**
     * Tells every child of {@code parent} at once and then waits for all: a child's release does
     * not wait behind its siblings' round trips. Returns the children whose state this changed.
     */
    private List<JobRecord> tellAll(JobRecord parent) {
        List<JobId> children = parent.children();
        if (children.size() == 1) {
            JobRecord after = tell(children.get(0), parent);
            return after == null ? List.of() : List.of(after);
        }
        List<CompletableFuture<Change>> told = new ArrayList<>(children.size());
        for (JobId child : children) {
            told.add(store.updateAsync(child, new JobUpdates.ParentEnded(child, parent.id(), parent.state(),
                    clock.instant())).toCompletableFuture());
        }
        // The answers are handled here, on the caller's thread: queueing a released child is a
        // grid call, which must not run on the thread that completed the update.
        // Every child whose update landed is followed up (queued, announced) even when another's
        // failed: its state changed already. The first failure is thrown after that.
        List<JobRecord> out = new ArrayList<>();
        RuntimeException failed = null;
        for (int i = 0; i < children.size(); i++) {
            try {
                JobRecord after = moved(children.get(i), await(told.get(i)));
                if (after != null) {
                    out.add(after);
                }
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return out;
    }

    /** The change, or null when the child is gone; another refusal is thrown as it was. */
    private static Change await(CompletableFuture<Change> update) {
        try {
            return update.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return null;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Links a new WAITING job to its parents, and counts the ones that have already ended. */
    void link(JobRecord child) {
        for (JobId parentId : child.parents()) {
            JobRecord parent = store.update(parentId, new JobUpdates.AddChild(parentId, child.id())).after();
            if (parent.state().isTerminal()) {
                JobRecord after = tell(child.id(), parent);
                if (after != null && after.state().isTerminal()) {
                    ended(after);
                }
            }
        }
    }

    /**
     * Brings waiting jobs held on this member up to date with their parents: links any parent
     * that does not list the child yet, and counts parents that ended unheard.
     */
    void repair(Collection<JobRecord> waiting) {
        for (JobRecord child : waiting) {
            Map<JobId, JobRecord> parents = store.getAll(child.parents());
            for (JobId parentId : child.parents()) {
                JobRecord parent = parents.get(parentId);
                if (parent == null) {
                    continue;
                }
                if (!parent.children().contains(child.id())) {
                    parent = store.update(parentId, new JobUpdates.AddChild(parentId, child.id())).after();
                }
                if (parent.state().isTerminal()) {
                    JobRecord after = tell(child.id(), parent);
                    if (after != null && after.state().isTerminal()) {
                        ended(after);
                    }
                }
            }
        }
    }

    /** Applies one parent's end to one child; returns the child if this changed its state. */
    private JobRecord tell(JobId child, JobRecord parent) {
        try {
            return moved(child, store.update(child, new JobUpdates.ParentEnded(child, parent.id(), parent.state(),
                    clock.instant())));
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private JobRecord moved(JobId child, Change change) {
        if (change == null || change.from() != JobState.WAITING || change.to() == JobState.WAITING) {
            return null; // still waiting: the record did not come back (ParentEnded.needsRecord)
        }
        JobRecord after = change.after();
        if (after.state() == JobState.QUEUED) {
            queues.offer(after);
            events.released(after);
        } else {
            LOG.info("job={} skipped: {}", child, after.error());
            events.skipped(after);
        }
        return after;
    }
}
