package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.Change;
import io.jobgrid.core.JobStore;
import io.jobgrid.core.JobUpdate;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Job records in a {@link ConcurrentHashMap}. Each {@link #update} runs its {@link JobUpdate}
 * inside {@link ConcurrentHashMap#compute}, so it is atomic per record: two updates of one record
 * never interleave, and a refused update (the update throws) leaves the record as it was.
 * Queries filter and order as {@code HzJobStore} does: by state, by node name, by the
 * {@code before} id cursor, newest (highest id) first, at most {@code limit} records.
 *
 * <p>Guarantees nothing beyond this JVM: no replication, no persistence, no backups. Every record
 * is "local", so {@link #localRecords} answers all records in the states asked for. Queries
 * scan and sort every record: fine for tests and a development node, not for millions of jobs.
 */
public final class MemoryJobStore implements JobStore {
    private static final Comparator<JobRecord> NEWEST_FIRST = Comparator.comparing(JobRecord::id).reversed();

    private final Map<JobId, JobRecord> records = new ConcurrentHashMap<>();

    @Override
    public boolean create(JobRecord record) {
        return records.putIfAbsent(record.id(), record) == null;
    }

    /** Stores every record, replacing any with the same id (as the grid's batched put does). */
    @Override
    public void createAll(Collection<JobRecord> all) {
        all.forEach(r -> records.put(r.id(), r));
    }

    @Override
    public Optional<JobRecord> get(JobId id) {
        return Optional.ofNullable(records.get(id));
    }

    /** The records found, keyed by id; ids with no record are left out. */
    @Override
    public Map<JobId, JobRecord> getAll(Collection<JobId> ids) {
        Map<JobId, JobRecord> out = new LinkedHashMap<>();
        for (JobId id : ids) {
            JobRecord r = records.get(id);
            if (r != null) {
                out.put(id, r);
            }
        }
        return out;
    }

    /**
     * Applies {@code update} atomically to the record (null when there is none). A null result
     * leaves no record; the update's refusal is rethrown and nothing is written.
     */
    @Override
    public Change update(JobId id, JobUpdate update) {
        AtomicReference<JobState> from = new AtomicReference<>();
        JobRecord after = records.compute(id, (key, current) -> {
            from.set(current == null ? null : current.state());
            return update.apply(current);
        });
        // as the grid does, only the state comes back when the update's caller needs no more
        return new Change(from.get(), update.needsRecord(after) ? after : null, after == null ? null : after.state());
    }

    /** Runs the update on the calling thread and returns a completed (or failed) stage. */
    @Override
    public CompletionStage<Change> updateAsync(JobId id, JobUpdate update) {
        try {
            return CompletableFuture.completedFuture(update(id, update));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    @Override
    public List<JobRecord> query(JobQuery query) {
        return records.values().stream()
                .filter(query::matches)
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList();
    }

    /** Every record in one of {@code states}: in one JVM, every record is this member's. */
    @Override
    public Collection<JobRecord> localRecords(JobState... states) {
        if (states.length == 0) {
            return List.of();
        }
        Set<JobState> wanted = EnumSet.of(states[0], states);
        return records.values().stream().filter(r -> wanted.contains(r.state())).toList();
    }

    @Override
    public int size() {
        return records.size();
    }

    /** Counted by reading every record: the memory store is for tests, where that is cheap. */
    @Override
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> out = new java.util.EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            out.put(s, 0L);
        }
        records.values().forEach(r -> out.merge(r.state(), 1L, Long::sum));
        return out;
    }
}
