package io.jobgrid.grid;

import com.hazelcast.map.MapStore;
import io.jobgrid.api.Schedule;
import io.jobgrid.history.JobArchive;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Connects the schedule map to the {@link JobArchive}, always writing through: a schedule made, paused or
 * deleted is stored before the call answers, and so is every move of its {@code firedUntil}. A starting
 * member brings the stored schedules in itself ({@link Persistence#awaitLoaded}), never through
 * Hazelcast's bulk load (which could put an older copy back over a live schedule).
 */
public final class ScheduleMapStore implements MapStore<String, Schedule> {
    private final JobArchive archive;

    public ScheduleMapStore(JobArchive archive) {
        this.archive = archive;
    }

    @Override
    public void store(String key, Schedule value) {
        archive.storeSchedules(List.of(value));
    }

    @Override
    public void storeAll(Map<String, Schedule> map) {
        archive.storeSchedules(map.values());
    }

    @Override
    public void delete(String key) {
        archive.deleteSchedules(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        archive.deleteSchedules(keys);
    }

    @Override
    public Schedule load(String key) {
        return archive.loadSchedules(List.of(key)).get(key);
    }

    @Override
    public Map<String, Schedule> loadAll(Collection<String> keys) {
        return archive.loadSchedules(keys);
    }

    /** None: see {@link Persistence#awaitLoaded}. */
    @Override
    public Iterable<String> loadAllKeys() {
        return List.of();
    }
}
