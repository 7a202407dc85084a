package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.Change;
import io.jobgrid.core.JobStore;
import io.jobgrid.core.JobUpdate;
import io.jobgrid.history.JobArchive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The job store when persistence is on: the grid's map, whose map store writes every record to
 * the {@link JobArchive} and reads back what is not in memory. Reads and updates by id go to the
 * map (which loads a record that was trimmed from memory); listings merge the records in memory,
 * which are the newest truth, with the archive, which holds the whole history.
 */
public final class ArchivedJobStore implements JobStore {
    private final JobStore memory;
    private final IMap<String, JobRecord> map;
    private final JobArchive archive;
    private final StartDeadlines deadlines;

    public ArchivedJobStore(HazelcastInstance hz, JobStore memory, JobArchive archive) {
        this.memory = memory;
        this.map = hz.getMap(GridNames.JOBS);
        this.archive = archive;
        this.deadlines = new StartDeadlines(hz);
    }

    @Override
    public List<JobRecord> query(JobQuery query) {
        Map<JobId, JobRecord> merged = new HashMap<>();
        for (JobRecord r : memory.query(query)) {
            merged.put(r.id(), r);
        }
        List<String> unseen = new ArrayList<>();
        Map<JobId, JobRecord> stored = new HashMap<>();
        for (JobRecord r : archive.page(query)) {
            if (!merged.containsKey(r.id())) {
                stored.put(r.id(), r);
                unseen.add(r.id().value());
            }
        }
        if (!unseen.isEmpty()) {
            // A stored copy may lag the one in memory (write-behind): the copy in memory wins, and is
            // filtered again. A predicate query reads memory only, so this loads nothing back.
            for (JobRecord live : map.values(Predicates.in(QueryConstants.KEY_ATTRIBUTE_NAME.value(),
                    unseen.toArray(new String[0])))) {
                stored.put(live.id(), live);
            }
        }
        for (JobRecord r : stored.values()) {
            if (query.matches(r)) {
                merged.put(r.id(), r);
            }
        }
        return merged.values().stream().sorted(Comparator.comparing(JobRecord::id).reversed())
                .limit(query.limit()).toList();
    }

    @Override
    public boolean create(JobRecord record) {
        return memory.create(record);
    }

    /** A plain write: putIfAbsent would first ask the archive whether the fresh id exists. */
    @Override
    public void createNew(JobRecord record) {
        deadlines.noteBeforeCreate(record);
        map.set(record.id().value(), record);
    }

    @Override
    public void createAll(Collection<JobRecord> records) {
        memory.createAll(records);
    }

    @Override
    public Optional<JobRecord> get(JobId id) {
        return memory.get(id);
    }

    @Override
    public Map<JobId, JobRecord> getAll(Collection<JobId> ids) {
        return memory.getAll(ids);
    }

    @Override
    public Change update(JobId id, JobUpdate update) {
        return memory.update(id, update);
    }

    @Override
    public CompletionStage<Change> updateAsync(JobId id, JobUpdate update) {
        return memory.updateAsync(id, update);
    }

    @Override
    public Collection<JobRecord> localRecords(JobState... states) {
        return memory.localRecords(states); // unfinished records are never trimmed from memory
    }

    @Override
    public Collection<JobRecord> localRecordsPastStartDeadline(java.time.Instant now) {
        return memory.localRecordsPastStartDeadline(now); // unstarted records are unfinished: in memory
    }

    /** The records in memory (see {@link StateCounts}); finished jobs trimmed from memory are not counted. */
    @Override
    public Map<JobState, Long> countByState() {
        return memory.countByState();
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, archive.countJobs());
    }
}
