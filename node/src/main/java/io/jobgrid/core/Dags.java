package io.jobgrid.core;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Submitting whole DAGs and walking them. A DAG's records are written with their parents and
 * children already filled in, all before any root is queued, so no job can finish before the
 * jobs waiting on it exist.
 */
final class Dags {
    static final int MAX_WALK = 20_000;

    private final JobStore store;
    private final WorkQueue queues;
    private final Dependents dependents;
    private final IdSource ids;
    private final Clock clock;
    private final JobEvents events;

    Dags(JobStore store, WorkQueue queues, Dependents dependents, IdSource ids, Clock clock,
         JobEvents events) {
        this.store = store;
        this.queues = queues;
        this.dependents = dependents;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    Map<String, JobId> submit(List<DagJob> jobs) {
        DagPlan plan = DagPlan.of(jobs);
        requireExisting(plan.ordered());
        Map<String, JobId> idOf = new LinkedHashMap<>();
        for (DagJob job : plan.ordered()) {
            idOf.put(job.key(), ids.next());
        }
        Instant now = clock.instant();
        List<JobRecord> records = new ArrayList<>();
        for (DagJob job : plan.ordered()) {
            LinkedHashSet<JobId> parents = new LinkedHashSet<>(job.spec().dependsOn());
            job.after().forEach(k -> parents.add(idOf.get(k)));
            JobSpec spec = job.spec().toBuilder().dependsOn(new ArrayList<>(parents)).build();
            records.add(JobRecord.submitted(idOf.get(job.key()), spec, now)
                    .withChildren(plan.childrenOf(job.key()).stream().map(idOf::get).toList()));
        }
        store.createAll(records);
        Set<JobId> internal = new HashSet<>(idOf.values());
        for (JobRecord r : records) {
            if (!r.spec().dependsOn().isEmpty() && r.parents().size() > internalParents(r, internal)) {
                dependents.link(r); // parents outside the DAG learn of their new child
            }
        }
        records.forEach(events::submitted);
        queues.offerAll(records.stream().filter(r -> r.state() == JobState.QUEUED).toList());
        Map<String, JobId> out = new LinkedHashMap<>();
        jobs.forEach(j -> out.put(j.key(), idOf.get(j.key())));
        return out;
    }

    private static long internalParents(JobRecord r, Set<JobId> internal) {
        return r.parents().stream().filter(internal::contains).count();
    }

    private void requireExisting(List<DagJob> jobs) {
        Set<JobId> external = new HashSet<>();
        jobs.forEach(j -> external.addAll(j.spec().dependsOn()));
        if (external.isEmpty()) {
            return;
        }
        Map<JobId, JobRecord> found = store.getAll(external);
        for (JobId id : external) {
            if (!found.containsKey(id)) {
                throw new InvalidInputException("dependsOn", "dependsOn names job " + id + ", which does not exist");
            }
        }
    }

    /** Breadth-first over parents and children from {@code id}, reading each level in one batch. */
    List<JobRecord> walk(JobId id) {
        JobRecord start = store.get(id).orElseThrow(() -> NotFoundException.job(id));
        Map<JobId, JobRecord> seen = new LinkedHashMap<>();
        seen.put(id, start);
        Deque<JobRecord> level = new ArrayDeque<>(List.of(start));
        while (!level.isEmpty() && seen.size() < MAX_WALK) {
            Set<JobId> next = new LinkedHashSet<>();
            for (JobRecord r : level) {
                neighbours(r).stream().filter(n -> !seen.containsKey(n)).forEach(next::add);
            }
            level = new ArrayDeque<>();
            Map<JobId, JobRecord> found = store.getAll(next);
            for (JobRecord r : found.values()) {
                if (seen.size() >= MAX_WALK) {
                    break;
                }
                seen.put(r.id(), r);
                level.add(r);
            }
        }
        return new ArrayList<>(seen.values());
    }

    private static Collection<JobId> neighbours(JobRecord r) {
        List<JobId> all = new ArrayList<>(r.parents());
        all.addAll(r.children());
        return all;
    }
}
