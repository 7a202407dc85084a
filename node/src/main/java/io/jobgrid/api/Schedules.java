package io.jobgrid.api;

import java.util.List;
import java.util.Optional;

/**
 * Recurring jobs. Any node answers for the whole cluster; the member that owns a schedule's record
 * fires it, each fire an ordinary job with the idempotency key {@code schedule:ID:FIRE_EPOCH_MS}, so one
 * fire time gives at most one job whatever members come and go.
 */
public interface Schedules {
    /**
     * Stores {@code schedule} (its id, fire state and pause flag are set here) and returns it as stored.
     * Its first fire time is the first one after now.
     */
    Schedule create(Schedule schedule);

    /** Every schedule, by id. */
    List<Schedule> list();

    Optional<Schedule> get(String id);

    /** The schedule, or {@link NotFoundException}. */
    default Schedule require(String id) {
        return get(id).orElseThrow(() -> new NotFoundException("schedule " + id + " does not exist"));
    }

    /** Removes the schedule; jobs it already started go on. @throws NotFoundException when there is none */
    void delete(String id);

    /** Stops firing until {@link #resume}; fire times passed while paused are not made up. */
    Schedule pause(String id);

    Schedule resume(String id);
}
