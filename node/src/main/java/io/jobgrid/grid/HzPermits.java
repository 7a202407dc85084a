package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.api.ConcurrencyLimit;
import io.jobgrid.core.KeyPermits;
import io.jobgrid.core.Permits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
        return map.executeOnKey(key, new ChangeProcessor(change)).toOutcome();
    }

    /** The answer is turned into an outcome on the thread that receives it (Hazelcast's, which must not block). */
    @Override
    public CompletionStage<KeyPermits.Outcome> changeAsync(String key, KeyPermits.Change change) {
        CompletableFuture<KeyPermits.Outcome> out = new CompletableFuture<>();
        map.submitToKey(key, new ChangeProcessor(change)).whenCompleteAsync((answer, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
                return;
            }
            try {
                out.complete(answer.toOutcome());
            } catch (RuntimeException refused) {
                out.completeExceptionally(refused);
            }
        }, Runnable::run);
        return out;
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

    /**
     * Runs one change on the key's entry; an entry left empty is removed. The change and its
     * outcome travel as {@link DataSerializable} (a type byte and the fields), not by Java
     * serialization: a keyed job sends two of them (acquire, release), each to the key's primary
     * and its backups, and Java serialization of the records and their class descriptors made
     * them cost about a millisecond of node CPU per job.
     */
    static final class ChangeProcessor implements EntryProcessor<String, KeyPermits, Answer>, DataSerializable {
        private static final byte ACQUIRE = 1;
        private static final byte RELEASE = 2;
        private static final byte SET_MAX = 3;
        private static final byte REPARK = 4;
        private static final byte RELEASE_THEN_ACQUIRE = 5;

        private KeyPermits.Change change;

        ChangeProcessor() {
        }

        ChangeProcessor(KeyPermits.Change change) {
            this.change = change;
        }

        @Override
        public Answer process(Map.Entry<String, KeyPermits> entry) {
            KeyPermits p = entry.getValue() == null ? new KeyPermits() : entry.getValue();
            KeyPermits.Outcome out = change.apply(entry.getKey(), p);
            entry.setValue(p.empty() ? null : p);
            return new Answer(out);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            if (change instanceof KeyPermits.Acquire a) {
                out.writeByte(ACQUIRE);
                writeAcquire(out, a);
            } else if (change instanceof KeyPermits.ReleaseThenAcquire both) {
                out.writeByte(RELEASE_THEN_ACQUIRE);
                writeHolders(out, both.released());
                writeAcquire(out, both.acquire());
            } else if (change instanceof KeyPermits.Release r) {
                out.writeByte(RELEASE);
                writeHolders(out, r.jobs());
            } else if (change instanceof KeyPermits.SetMax m) {
                out.writeByte(SET_MAX);
                out.writeInt(m.max() == null ? -1 : m.max());
            } else if (change instanceof KeyPermits.Repark r) {
                out.writeByte(REPARK);
                writeItems(out, r.items());
            } else {
                throw new IOException("no wire form for permit change " + change.getClass().getName());
            }
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            byte type = in.readByte();
            change = switch (type) {
                case ACQUIRE -> readAcquire(in);
                case RELEASE_THEN_ACQUIRE -> new KeyPermits.ReleaseThenAcquire(readHolders(in), readAcquire(in));
                case RELEASE -> new KeyPermits.Release(readHolders(in));
                case SET_MAX -> {
                    int max = in.readInt();
                    yield new KeyPermits.SetMax(max < 0 ? null : max);
                }
                case REPARK -> new KeyPermits.Repark(readItems(in));
                default -> throw new IOException("unknown permit change type " + type);
            };
        }
    }

    /** A change's outcome on the wire; {@link #toOutcome} gives the port's record back. */
    static final class Answer implements DataSerializable {
        private boolean granted;
        private Map<String, Integer> holders;
        private List<String> woken;
        private ConcurrencyLimit view;

        Answer() {
        }

        Answer(KeyPermits.Outcome out) {
            this.granted = out.granted();
            this.holders = out.holders();
            this.woken = out.woken();
            this.view = out.view();
        }

        KeyPermits.Outcome toOutcome() {
            return new KeyPermits.Outcome(granted, holders, woken, view);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeBoolean(granted);
            writeHolders(out, holders);
            writeItems(out, woken);
            out.writeString(view.key());
            out.writeInt(view.max() == null ? -1 : view.max());
            out.writeInt(view.running());
            out.writeInt(view.waiting());
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            granted = in.readBoolean();
            holders = readHolders(in);
            woken = readItems(in);
            String key = in.readString();
            int max = in.readInt();
            view = new ConcurrencyLimit(key, max < 0 ? null : max, in.readInt(), in.readInt());
        }
    }

    private static void writeAcquire(ObjectDataOutput out, KeyPermits.Acquire a) throws IOException {
        out.writeString(a.jobId());
        out.writeInt(a.attempt());
        out.writeString(a.item());
    }

    private static KeyPermits.Acquire readAcquire(ObjectDataInput in) throws IOException {
        return new KeyPermits.Acquire(in.readString(), in.readInt(), in.readString());
    }

    private static void writeHolders(ObjectDataOutput out, Map<String, Integer> holders) throws IOException {
        out.writeInt(holders.size());
        for (Map.Entry<String, Integer> e : holders.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static Map<String, Integer> readHolders(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        Map<String, Integer> out = new HashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            out.put(in.readString(), in.readInt());
        }
        return Map.copyOf(out);
    }

    private static void writeItems(ObjectDataOutput out, List<String> items) throws IOException {
        out.writeInt(items.size());
        for (String item : items) {
            out.writeString(item);
        }
    }

    private static List<String> readItems(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readString());
        }
        return List.copyOf(out);
    }
}
