package io.jobgrid.grid;

import com.hazelcast.map.MapStore;
import io.jobgrid.history.JobArchive;
import io.jobgrid.history.StoredLog;

import java.util.Collection;
import java.util.HashMap;
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
        archive.storeLogs(Map.of(key, value.stored()));
    }

    @Override
    public void storeAll(Map<String, LogTail> map) {
        Map<String, StoredLog> stored = new HashMap<>();
        map.forEach((k, v) -> stored.put(k, v.stored()));
        archive.storeLogs(stored);
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
        StoredLog stored = archive.loadLogs(List.of(key)).get(key);
        return stored == null ? null : LogTail.of(stored);
    }

    @Override
    public Map<String, LogTail> loadAll(Collection<String> keys) {
        Map<String, LogTail> tails = new HashMap<>();
        archive.loadLogs(keys).forEach((k, v) -> tails.put(k, LogTail.of(v)));
        return tails;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return List.of();
    }
}
