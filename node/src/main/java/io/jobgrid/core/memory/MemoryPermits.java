package io.jobgrid.core.memory;

import io.jobgrid.core.KeyPermits;
import io.jobgrid.core.Permits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Concurrency permits in one map; a change holds its lock, as the grid's EntryProcessor holds the key. */
public final class MemoryPermits implements Permits {
    private final Map<String, KeyPermits> keys = new TreeMap<>();

    @Override
    public synchronized KeyPermits.Outcome change(String key, KeyPermits.Change change) {
        KeyPermits p = keys.getOrDefault(key, new KeyPermits());
        KeyPermits.Outcome out = change.apply(key, p);
        if (p.empty()) {
            keys.remove(key);
        } else {
            keys.put(key, p);
        }
        return out;
    }

    @Override
    public synchronized Optional<KeyPermits> get(String key) {
        return Optional.ofNullable(keys.get(key)).map(KeyPermits::copy);
    }

    @Override
    public List<Keyed> owned() {
        return all();
    }

    @Override
    public synchronized List<Keyed> all() {
        List<Keyed> out = new ArrayList<>();
        keys.forEach((k, p) -> out.add(new Keyed(k, p.copy())));
        return out;
    }
}
