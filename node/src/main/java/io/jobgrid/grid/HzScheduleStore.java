package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.jobgrid.api.JobId;
import io.jobgrid.api.Schedule;
import io.jobgrid.core.ScheduleStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules in the IMap {@link GridNames#SCHEDULES} (Java-serialized records, synchronous backups like the
 * jobs). Pause and advance are entry processors, run on the partition that owns the schedule. A member
 * fires the schedules of its own partitions ({@link IMap#localKeySet()}), so each schedule has exactly one
 * firing member while the cluster is whole, and another one as soon as a partition moves.
 */
public final class HzScheduleStore implements ScheduleStore {
    private final IMap<String, Schedule> map;

    public HzScheduleStore(HazelcastInstance hz) {
        this.map = hz.getMap(GridNames.SCHEDULES);
    }

    @Override
    public void create(Schedule schedule) {
        map.set(schedule.id(), schedule);
    }

    @Override
    public Optional<Schedule> get(String id) {
        return Optional.ofNullable(map.get(id));
    }

    @Override
    public List<Schedule> all() {
        List<Schedule> all = new ArrayList<>(map.values());
        all.sort(Comparator.comparing(Schedule::id));
        return all;
    }

    @Override
    public boolean remove(String id) {
        return map.remove(id) != null;
    }

    @Override
    public Optional<Schedule> pause(String id, boolean paused) {
        return Optional.ofNullable(map.executeOnKey(id, new Pause(paused)));
    }

    @Override
    public boolean advance(String id, Instant expected, Instant until, Instant fireTime, JobId job) {
        return Boolean.TRUE.equals(map.executeOnKey(id, new Advance(expected, until, fireTime, job)));
    }

    @Override
    public Collection<Schedule> owned() {
        return map.getAll(map.localKeySet()).values();
    }

    /** Sets the pause flag; answers the schedule after, or null when there is none. */
    private record Pause(boolean paused) implements EntryProcessor<String, Schedule, Schedule> {
        @Override
        public Schedule process(Map.Entry<String, Schedule> entry) {
            Schedule s = entry.getValue();
            if (s == null) {
                return null;
            }
            Schedule after = s.withPaused(paused);
            entry.setValue(after);
            return after;
        }
    }

    /** Moves firedUntil when it is still at {@code expected}. */
    private record Advance(Instant expected, Instant until, Instant fireTime, JobId job)
            implements EntryProcessor<String, Schedule, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Schedule> entry) {
            Schedule s = entry.getValue();
            if (s == null || !s.firedUntil().equals(expected)) {
                return false;
            }
            entry.setValue(s.advanced(until, fireTime, job));
            return true;
        }
    }
}
