package io.jobgrid.grid;

import com.hazelcast.map.MapStore;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.history.JobArchive;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects the job map to the {@link JobArchive}. Hazelcast calls it on the member that owns a
 * record's partition: writes (batched and, with write-behind, coalesced per record), loads of
 * records that are not in memory (a job finished long ago, or anything after a restart). A
 * starting member brings the unfinished jobs in itself ({@link Persistence#awaitLoaded}), so a
 * restart costs what is still to do, not the size of the history.
 */
public final class JobMapStore implements MapStore<String, JobRecord> {
    private final JobArchive archive;

    public JobMapStore(JobArchive archive) {
        this.archive = archive;
    }

    @Override
    public void store(String key, JobRecord value) {
        archive.storeJobs(List.of(value));
    }

    @Override
    public void storeAll(Map<String, JobRecord> map) {
        archive.storeJobs(map.values());
    }

    @Override
    public void delete(String key) {
        archive.deleteJobs(List.of(new JobId(key)));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        archive.deleteJobs(keys.stream().map(JobId::new).toList());
    }

    @Override
    public JobRecord load(String key) {
        return archive.loadJobs(List.of(new JobId(key))).get(new JobId(key));
    }

    @Override
    public Map<String, JobRecord> loadAll(Collection<String> keys) {
        Map<String, JobRecord> out = new HashMap<>();
        archive.loadJobs(keys.stream().map(JobId::new).toList()).forEach((id, r) -> out.put(id.value(), r));
        return out;
    }

    /** None: Hazelcast's bulk load could put an older copy over a live record; see {@link Persistence#awaitLoaded}. */
    @Override
    public Iterable<String> loadAllKeys() {
        return List.of();
    }
}
