package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.Schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where schedules are kept ({@code grid.HzScheduleStore}: an IMap, {@code memory.MemoryScheduleStore}).
 * Changes that depend on the stored schedule are atomic on its record.
 */
public interface ScheduleStore {
    /** Stores a new schedule (its id is new). */
    void create(Schedule schedule);

    Optional<Schedule> get(String id);

    List<Schedule> all();

    /** @return false when there was no such schedule */
    boolean remove(String id);

    /** Sets the pause flag atomically; empty when there is no such schedule. */
    Optional<Schedule> pause(String id, boolean paused);

    /**
     * Moves the schedule's {@code firedUntil} from {@code expected} to {@code until} (and its last job to
     * {@code job} fired at {@code fireTime}, when a job was started), atomically, only when it still is at
     * {@code expected}: a sweep that raced with another one changes nothing.
     *
     * @return whether the schedule moved
     */
    boolean advance(String id, Instant expected, Instant until, Instant fireTime, JobId job);

    /**
     * The schedules this member fires: those whose record it owns (a partition's primary in the grid);
     * every one for a store of one process.
     */
    Collection<Schedule> owned();
}
