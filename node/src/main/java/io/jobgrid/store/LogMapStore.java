package io.jobgrid.store;

import com.hazelcast.map.MapStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Connects the output-tail map to the {@link JobArchive}. Nothing is loaded at start: a tail is
 * read back when someone asks for it, and a re-run after a restart writes a new attempt's tail.
 */
public final class LogMapStore implements MapStore<String, LogTail> {
    private final JobArchive archive;

    public LogMapStore(JobArchive archive) {
        this.archive = archive;
    }

    @Override
    public void store(String key, LogTail value) {
        archive.storeLogs(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, LogTail> map) {
        archive.storeLogs(map);
    }

    @Override
    public void delete(String key) {
        archive.deleteLogs(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        archive.deleteLogs(keys);
    }

    @Override
    public LogTail load(String key) {
        return archive.loadLogs(List.of(key)).get(key);
    }

    @Override
    public Map<String, LogTail> loadAll(Collection<String> keys) {
        return archive.loadLogs(keys);
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return List.of();
    }
}
