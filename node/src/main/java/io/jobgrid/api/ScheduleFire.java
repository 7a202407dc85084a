package io.jobgrid.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Which schedule fired a job, and for which fire time. A fired job is keyed by both: its idempotency key is
 * {@code schedule:ID:FIRE_EPOCH_MS}, so two fires of one fire time make one job, and the key is also how the
 * record says where it came from (the record has no field of its own for it).
 */
public record ScheduleFire(String schedule, Instant fireTime) {
    private static final String PREFIX = "schedule:";

    /** The idempotency key of the job fired by {@code schedule} for {@code fireTime}. */
    public static String key(String schedule, Instant fireTime) {
        return PREFIX + schedule + ":" + fireTime.toEpochMilli();
    }

    /** The schedule and fire time {@code job} was fired for; empty for jobs submitted otherwise. */
    public static Optional<ScheduleFire> of(JobRecord job) {
        return of(job.spec().idempotencyKey());
    }

    /** The same from an idempotency key (null: none). */
    public static Optional<ScheduleFire> of(String idempotencyKey) {
        if (idempotencyKey == null || !idempotencyKey.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = idempotencyKey.lastIndexOf(':');
        if (colon <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(idempotencyKey.substring(colon + 1));
            return Optional.of(new ScheduleFire(idempotencyKey.substring(PREFIX.length(), colon), Instant.ofEpochMilli(millis)));
        } catch (NumberFormatException notAFire) {
            return Optional.empty(); // a key a user chose that only looks like one
        }
    }

    /** The schedule id of {@code job}, or null when no schedule fired it. */
    public static String scheduleOf(JobRecord job) {
        return of(job).map(ScheduleFire::schedule).orElse(null);
    }
}
