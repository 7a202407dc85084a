package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.PagingPredicate;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.Change;
import io.jobgrid.core.JobStore;
import io.jobgrid.core.JobUpdate;
import io.jobgrid.core.NewestFirst;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Job records in the {@link GridNames#JOBS} IMap, keyed by the id's text. The map is configured
 * with synchronous backups (see the member bootstrap), so an acknowledged write survives the
 * death of any one member.
 */
public final class HzJobStore implements JobStore {
    private final HazelcastInstance hz;
    private final IMap<String, JobRecord> map;
    private final StartDeadlines deadlines;

    public HzJobStore(HazelcastInstance hz) {
        this.hz = hz;
        this.map = hz.getMap(GridNames.JOBS);
        this.deadlines = new StartDeadlines(hz);
    }

    @Override
    public boolean create(JobRecord record) {
        deadlines.noteBeforeCreate(record);
        return map.putIfAbsent(record.id().value(), record) == null;
    }

    @Override
    public void createAll(Collection<JobRecord> records) {
        deadlines.noteBeforeCreate(records);
        Map<String, JobRecord> batch = new java.util.HashMap<>();
        for (JobRecord r : records) {
            batch.put(r.id().value(), r);
            if (batch.size() == 1000) {
                map.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            map.putAll(batch);
        }
    }

    @Override
    public Optional<JobRecord> get(JobId id) {
        return Optional.ofNullable(map.get(id.value()));
    }

    @Override
    public Map<JobId, JobRecord> getAll(Collection<JobId> ids) {
        Set<String> keys = new HashSet<>();
        ids.forEach(id -> keys.add(id.value()));
        Map<JobId, JobRecord> out = new LinkedHashMap<>();
        map.getAll(keys).forEach((k, v) -> out.put(v.id(), v));
        return out;
    }

    @Override
    public Change update(JobId id, JobUpdate update) {
        return map.executeOnKey(id.value(), new UpdateProcessor(update)).toChange();
    }

    @Override
    public CompletionStage<Change> updateAsync(JobId id, JobUpdate update) {
        CompletableFuture<Change> out = new CompletableFuture<>();
        // An explicit (calling-thread) executor: Hazelcast would otherwise run the callback on its
        // default async executor, which on a 2-core machine starts a new thread per callback.
        map.submitToKey(id.value(), new UpdateProcessor(update)).whenCompleteAsync((outcome, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
                return;
            }
            try {
                out.complete(outcome.toChange());
            } catch (RuntimeException refused) {
                out.completeExceptionally(refused);
            }
        }, Runnable::run);
        return out;
    }

    @Override
    public List<JobRecord> query(JobQuery query) {
        List<Predicate<String, JobRecord>> parts = new ArrayList<>();
        if (query.state() != null) {
            parts.add(Predicates.equal(JobAttributes.STATE, query.state().name()));
        }
        if (query.node() != null) {
            parts.add(Predicates.equal(JobAttributes.NODE, query.node()));
        }
        if (query.name() != null) {
            parts.add(new NameContains(JobQuery.lower(query.name())));
        }
        if (query.schedule() != null) {
            parts.add(Predicates.equal(JobAttributes.SCHEDULE, query.schedule()));
        }
        if (query.createdAfter() != null) {
            parts.add(Predicates.greaterEqual(JobAttributes.CREATED, query.createdAfter().toEpochMilli()));
        }
        if (query.createdBefore() != null) {
            parts.add(Predicates.lessThan(JobAttributes.CREATED, query.createdBefore().toEpochMilli()));
        }
        if (query.array() != null) {
            parts.add(Predicates.equal(JobAttributes.ARRAY, query.array().value()));
        }
        if (query.before() != null) {
            parts.add(Predicates.lessThan(com.hazelcast.query.QueryConstants.KEY_ATTRIBUTE_NAME.value(),
                    query.before().value()));
        }
        Predicate<String, JobRecord> filter = parts.isEmpty() ? Predicates.alwaysTrue()
                : parts.size() == 1 ? parts.get(0) : Predicates.and(parts.toArray(new Predicate[0]));
        @SuppressWarnings({"unchecked", "rawtypes"})
        PagingPredicate<String, JobRecord> page = Predicates.pagingPredicate(filter, (java.util.Comparator) new NewestFirst(),
                query.limit());
        return new ArrayList<>(map.values(page));
    }

    @Override
    public Collection<JobRecord> localRecords(JobState... states) {
        String[] names = new String[states.length];
        for (int i = 0; i < states.length; i++) {
            names[i] = states[i].name();
        }
        Set<String> keys = map.localKeySet(Predicates.in(JobAttributes.STATE, names));
        return keys.isEmpty() ? List.of() : map.getAll(keys).values();
    }

    /** Only the jobs that have a queue deadline are read ({@link StartDeadlines}). */
    @Override
    public Collection<JobRecord> localRecordsPastStartDeadline(java.time.Instant now) {
        return deadlines.localDue(now);
    }

    /** Every member's {@link StateCounts} added up: no record is read. */
    @Override
    public Map<JobState, Long> countByState() {
        return SummaryCall.cluster(hz);
    }

    @Override
    public int size() {
        return map.size();
    }
}
