package io.jobgrid.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.query.Predicates;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.grid.internal.Internals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This member's counts of the job records it owns, by state, kept as records change rather than
 * counted by reading them: {@code GET /api/v1/jobs/summary} adds up every member's (see
 * {@link SummaryCall}).
 *
 * <p>Per partition it keeps each record's last state, so that hearing a change twice, or a change
 * and then a snapshot of the same record, counts it once. An update (every change of an existing
 * record goes through {@link UpdateProcessor}) sets the new state from the entry processor itself,
 * on the primary's partition thread. Every other change of a record whose primary copy this member
 * holds (created, removed, trimmed from memory, merged, loaded) comes as a local entry event
 * without its value, and the record's state is then read on its partition thread: whatever order
 * the two paths come in, the last one reads or writes what the record holds. Why not events with
 * values for updates too: each carried the whole record twice (before and after), and a job after
 * 10,000 parents, updated once per parent, queued gigabytes of them ({@code bin/bench dag} ran a
 * 1-GiB node out of memory). Migrations and promotions raise no entry events, so the
 * partitions a member owns are checked before each count (and every second): a partition it no
 * longer owns is dropped, and one it owns but has not counted is read once, the only time records
 * are read. A partition whose primary replica moves is forgotten at once, on both sides (a
 * migration listener): one that left and came back between two checks would otherwise keep the
 * counts of before it left, for good. A removed record leaves a marker until that check, so a
 * snapshot racing the removal cannot bring it back.
 *
 * <p>So the counts are exact once no partition moves; while one does, a count may miss or lag its
 * records for about a second.
 */
public final class StateCounts {
    /** Where each member's user context holds its counts. */
    static final String KEY = "jobgrid.stateCounts";
    private static final JobState[] STATES = JobState.values();
    /** The marker of a removed record. */
    private static final int GONE = -1;

    private final HazelcastInstance hz;
    private final IMap<String, JobRecord> jobs;
    private final PartitionService partitions;
    private final Shard[] shards;
    private UUID listener;
    private UUID moves;

    public StateCounts(HazelcastInstance hz) {
        this.hz = hz;
        this.jobs = hz.getMap(GridNames.JOBS);
        this.partitions = hz.getPartitionService();
        this.shards = new Shard[partitions.getPartitions().size()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard();
        }
    }

    /**
     * Starts listening, makes the counts reachable by {@link SummaryCall} and checks what this
     * member owns every second on {@code timer}; idempotent.
     */
    public synchronized StateCounts start(ScheduledExecutorService timer) {
        if (listener == null) {
            listener = jobs.addLocalEntryListener(new Listener(), Predicates.alwaysTrue(), false);
            moves = partitions.addMigrationListener(new Moves());
            hz.getUserContext().put(KEY, this);
            reconcile();
            timer.scheduleWithFixedDelay(this::reconcileQuietly, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    private void reconcileQuietly() {
        try {
            if (listener != null) {
                reconcile();
            }
        } catch (RuntimeException e) {
            // the member is shutting down or a partition is moving: the next check tries again
        }
    }

    /** This member's counts, indexed by {@link JobState#ordinal()}, after checking what it owns. */
    public synchronized long[] local() {
        reconcile();
        long[] out = new long[STATES.length];
        for (Partition p : partitions.getPartitions()) {
            Shard shard = shards[p.getPartitionId()];
            if (shard.loaded && isLocal(p)) {
                shard.addTo(out);
            }
        }
        return out;
    }

    /**
     * Drops the partitions this member no longer owns and reads the ones it gained: their records
     * are read once, and put only where no event has put the record already.
     */
    synchronized void reconcile() {
        List<Integer> gained = new ArrayList<>();
        for (Partition p : partitions.getPartitions()) {
            Shard shard = shards[p.getPartitionId()];
            if (shard.loaded) {
                shard.forgetGone(); // only a partition not yet read needs them
            }
            boolean mine = isLocal(p);
            if (!mine && (shard.loaded || !shard.isEmpty())) {
                shard.clear();
            } else if (mine && !shard.loaded) {
                gained.add(p.getPartitionId());
            }
        }
        if (!gained.isEmpty()) {
            Map<Integer, Integer> generations = new HashMap<>();
            gained.forEach(p -> generations.put(p, shards[p].generation()));
            load(new HashSet<>(gained));
            generations.forEach((p, generation) -> shards[p].markLoaded(generation));
        }
    }

    private void load(Set<Integer> gained) {
        Set<String> keys = new HashSet<>();
        for (String key : jobs.localKeySet()) {
            if (gained.contains(partitions.getPartition(key).getPartitionId())) {
                keys.add(key);
            }
        }
        for (Map.Entry<String, JobRecord> e : jobs.getAll(keys).entrySet()) {
            shards[partitions.getPartition(e.getKey()).getPartitionId()].putIfAbsent(e.getKey(), e.getValue().state());
        }
    }

    private static boolean isLocal(Partition p) {
        return p.getOwner() != null && p.getOwner().localMember();
    }

    /** Stops listening. */
    public synchronized void stop() {
        if (listener != null) {
            try {
                jobs.removeEntryListener(listener);
                partitions.removeMigrationListener(moves);
            } catch (RuntimeException ignored) {
                // the member is shutting down
            }
            hz.getUserContext().remove(KEY, this);
            listener = null;
        }
    }

    /**
     * A partition's primary moved to or from this member: read it again at the next check. Only
     * the shard's lock is taken, so Hazelcast's event thread never waits for a check's read; a read
     * that was under way when the partition moved does not count ({@link Shard#markLoaded}).
     */
    private void moved(int partition) {
        shards[partition].moved();
    }

    /** Forgets a partition whose primary replica moved, on the members it left and reached. */
    private final class Moves implements MigrationListener {
        @Override
        public void migrationStarted(MigrationState state) {
            // the replicas that move are told one by one below
        }

        @Override
        public void migrationFinished(MigrationState state) {
            // as above
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            if (event.getReplicaIndex() == 0) {
                moved(event.getPartitionId());
            }
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            if (event.getReplicaIndex() == 0) {
                moved(event.getPartitionId());
            }
        }
    }

    /** Called by {@link UpdateProcessor} on the primary's partition thread with the record it left. */
    static void updated(HazelcastInstance hz, String key, JobRecord after) {
        Object counts = hz == null ? null : hz.getUserContext().get(KEY);
        if (counts instanceof StateCounts c && after != null) {
            c.shardOf(key).set(key, after.state().ordinal());
        }
    }

    /** Reads the record's state on its partition thread, if this member still owns it. */
    private void refresh(String key) {
        int partition = partitions.getPartition(key).getPartitionId();
        Internals internals = Internals.of(hz);
        try {
            internals.runOnPartitionThread(partition, () -> {
                if (internals.ownsPartition(partition)) {
                    JobRecord r = internals.storedValue(GridNames.JOBS, key);
                    shards[partition].set(key, r == null ? GONE : r.state().ordinal());
                }
            });
        } catch (RuntimeException leaving) {
            // this member is shutting down: its counts no longer matter
        }
    }

    private Shard shardOf(String key) {
        return shards[partitions.getPartition(key).getPartitionId()];
    }

    /**
     * One partition's records (id to state ordinal, or {@link #GONE}) and their counts by state,
     * changed together under the shard's lock: an event, a read of the partition and a drop of it
     * can meet (a late event of a partition that just moved), and each leaves both consistent.
     */
    private static final class Shard {
        private final Map<String, Integer> states = new HashMap<>();
        private final long[] counts = new long[STATES.length];
        private volatile boolean loaded;
        private boolean hasGone;
        /** How many times the partition's primary moved: a read begun before a move is void. */
        private int generation;

        synchronized int generation() {
            return generation;
        }

        synchronized void moved() {
            generation++;
            clear();
        }

        /** The partition was read, and counts if it has not moved since {@code readFrom} was taken. */
        synchronized void markLoaded(int readFrom) {
            if (generation == readFrom) {
                loaded = true;
            } else {
                clear();
            }
        }

        synchronized void set(String key, int state) {
            hasGone |= state == GONE;
            move(states.put(key, state), state);
        }

        synchronized void putIfAbsent(String key, JobState state) {
            if (!states.containsKey(key)) {
                states.put(key, state.ordinal());
                move(null, state.ordinal());
            }
        }

        private void move(Integer from, int to) {
            if (from != null && from != GONE) {
                counts[from]--;
            }
            if (to != GONE) {
                counts[to]++;
            }
        }

        synchronized void addTo(long[] out) {
            for (int s = 0; s < out.length; s++) {
                out[s] += counts[s];
            }
        }

        synchronized boolean isEmpty() {
            return states.isEmpty();
        }

        synchronized void forgetGone() {
            if (hasGone) {
                hasGone = false;
                states.values().removeIf(s -> s == GONE);
            }
        }

        synchronized void clear() {
            loaded = false;
            hasGone = false;
            states.clear();
            java.util.Arrays.fill(counts, 0);
        }
    }

    private final class Listener implements EntryAddedListener<String, JobRecord>,
            EntryRemovedListener<String, JobRecord>, EntryEvictedListener<String, JobRecord>,
            EntryExpiredListener<String, JobRecord>, EntryMergedListener<String, JobRecord>,
            EntryLoadedListener<String, JobRecord>, MapClearedListener {

        @Override
        public void entryAdded(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void entryMerged(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void entryLoaded(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void entryRemoved(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, JobRecord> e) {
            refresh(e.getKey());
        }

        @Override
        public void mapCleared(MapEvent e) {
            synchronized (StateCounts.this) {
                for (Shard s : shards) {
                    s.clear();
                }
            }
        }
    }
}
