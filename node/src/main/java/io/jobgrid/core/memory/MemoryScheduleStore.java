package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.api.Schedule;
import io.jobgrid.core.ScheduleStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Schedules in a map of this JVM, changed with {@code compute}; this process owns them all. */
public final class MemoryScheduleStore implements ScheduleStore {
    private final Map<String, Schedule> schedules = new ConcurrentSkipListMap<>();

    @Override
    public void create(Schedule schedule) {
        schedules.put(schedule.id(), schedule);
    }

    @Override
    public Optional<Schedule> get(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    @Override
    public List<Schedule> all() {
        return List.copyOf(schedules.values());
    }

    @Override
    public boolean remove(String id) {
        return schedules.remove(id) != null;
    }

    @Override
    public Optional<Schedule> pause(String id, boolean paused) {
        return Optional.ofNullable(schedules.computeIfPresent(id, (k, s) -> s.withPaused(paused)));
    }

    @Override
    public boolean advance(String id, Instant expected, Instant until, Instant fireTime, JobId job) {
        AtomicBoolean moved = new AtomicBoolean();
        schedules.computeIfPresent(id, (k, s) -> {
            if (!s.firedUntil().equals(expected)) {
                return s;
            }
            moved.set(true);
            return s.advanced(until, fireTime, job);
        });
        return moved.get();
    }

    @Override
    public Collection<Schedule> owned() {
        return all();
    }
}
