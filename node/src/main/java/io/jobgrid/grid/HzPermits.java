package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.jobgrid.core.KeyPermits;
import io.jobgrid.core.Permits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Concurrency permits in the IMap {@value GridNames#PERMITS}, one entry per key, changed only by
 * an EntryProcessor on the key's partition (its backups apply the same deterministic change).
 * The map keeps Hazelcast's default merge policy: after a split brain the majority's entry wins
 * (see README, concurrency limits).
 */
public final class HzPermits implements Permits {
    private final IMap<String, KeyPermits> map;

    public HzPermits(HazelcastInstance hz) {
        this.map = hz.getMap(GridNames.PERMITS);
    }

    @Override
    public KeyPermits.Outcome change(String key, KeyPermits.Change change) {
        return map.executeOnKey(key, new ChangeProcessor(change));
    }

    @Override
    public Optional<KeyPermits> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public List<Keyed> all() {
        List<Keyed> out = new ArrayList<>();
        map.entrySet().forEach(e -> out.add(new Keyed(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public List<Keyed> owned() {
        List<Keyed> out = new ArrayList<>();
        map.getAll(map.localKeySet()).forEach((k, p) -> out.add(new Keyed(k, p)));
        return out;
    }

    /** Runs one change on the key's entry; an entry left empty is removed. */
    static final class ChangeProcessor implements EntryProcessor<String, KeyPermits, KeyPermits.Outcome> {
        private static final long serialVersionUID = 1L;
        private final KeyPermits.Change change;

        ChangeProcessor(KeyPermits.Change change) {
            this.change = change;
        }

        @Override
        public KeyPermits.Outcome process(Map.Entry<String, KeyPermits> entry) {
            KeyPermits p = entry.getValue() == null ? new KeyPermits() : entry.getValue();
            KeyPermits.Outcome out = change.apply(entry.getKey(), p);
            entry.setValue(p.empty() ? null : p);
            return out;
        }
    }
}
