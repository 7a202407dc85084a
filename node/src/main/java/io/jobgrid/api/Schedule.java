package io.jobgrid.api;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A recurring job: exactly one of {@code cron} (six fields, seconds first, in {@code timezone}) and
 * {@code every} (a fixed period, fire times aligned to the Unix epoch, so {@code PT30S} fires at :00 and
 * :30 of every minute whatever the zone). Every field is checked here and a bad one is refused naming it.
 *
 * @param id          null until stored
 * @param job         what each fire runs; it may not carry an idempotency key (each fire gets its own) or parents
 * @param overlap     what a fire does while the job of the previous fire has not ended
 * @param misfire     what happens to fire times missed by more than {@link #MISFIRE_THRESHOLD}
 * @param firedUntil  fire times up to this instant are done with (fired or skipped); null until stored
 * @param lastFire    the fire time of the last job started, or null
 * @param lastJob     that job, or null
 */
public record Schedule(String id, String name, String cron, Duration every, ZoneId timezone, JobSpec job,
                       Overlap overlap, Misfire misfire, boolean paused, Instant firedUntil, Instant lastFire,
                       JobId lastJob) implements Serializable {

    /** A fire time found later than this after it passed (the cluster was down, say) counts as missed. */
    public static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(10);
    public static final Duration MIN_EVERY = Duration.ofSeconds(1);
    public static final Duration MAX_EVERY = Duration.ofDays(366);
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** While the previous fire's job has not ended: skip this fire, run both, or cancel the old one first. */
    public enum Overlap { SKIP, ALLOW, CANCEL_PREVIOUS }

    /** Missed fire times: none are made up, or one fire stands for all of them. */
    public enum Misfire { NONE, ONE }

    public Schedule {
        if (name != null && (name.length() > 256 || name.indexOf('\0') >= 0)) {
            throw new InvalidInputException("name", "name must be at most 256 characters without NUL, but was "
                    + name.length() + " characters");
        }
        timezone = timezone == null ? UTC : timezone;
        checkTiming(cron, every, timezone);
        checkJob(job);
        overlap = overlap == null ? Overlap.SKIP : overlap;
        misfire = misfire == null ? Misfire.NONE : misfire;
    }

    /** A new, unstored schedule. */
    public static Schedule of(String name, String cron, Duration every, ZoneId timezone, JobSpec job, Overlap overlap,
                              Misfire misfire) {
        return new Schedule(null, name, cron, every, timezone, job, overlap, misfire, false, null, null, null);
    }

    /** An IANA zone id such as {@code Europe/Berlin}; null or blank is UTC. */
    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "timezone must be an IANA time zone such as Europe/Berlin, "
                    + "but was '" + text + "'");
        }
    }

    /** An ISO-8601 duration such as {@code PT30S}. */
    public static Duration period(String text) {
        try {
            return Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("every", "every must be an ISO-8601 duration such as PT30S, but was '"
                    + text + "'");
        }
    }

    /** {@code skip}, {@code allow} or {@code cancel-previous}; null is skip. */
    public static Overlap overlap(String text) {
        return text == null ? null : parse(Overlap.class, "overlap", text);
    }

    /** {@code none} or {@code one}; null is none. */
    public static Misfire misfire(String text) {
        return text == null ? null : parse(Misfire.class, "misfire", text);
    }

    /** How {@code overlap} and {@code misfire} values are written: {@code cancel-previous}. */
    public static String text(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The first fire time strictly after {@code after}, or null when there is none. */
    public Instant nextFireAfter(Instant after) {
        if (every != null) {
            long period = every.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), period) * period + period);
        }
        return CronTimes.parse(cron, timezone).nextAfter(after);
    }

    /** The last fire time at or before {@code at}, or null when there is none. */
    public Instant latestFireAtOrBefore(Instant at) {
        if (every != null) {
            long period = every.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), period) * period);
        }
        return CronTimes.parse(cron, timezone).latestAtOrBefore(at);
    }

    public Schedule withId(String newId, Instant since) {
        return new Schedule(newId, name, cron, every, timezone, job, overlap, misfire, false, since, null, null);
    }

    public Schedule withPaused(boolean pause) {
        return new Schedule(id, name, cron, every, timezone, job, overlap, misfire, pause, firedUntil, lastFire, lastJob);
    }

    /** Fire times up to {@code until} are done; {@code fired} (with its fire time) is the latest job, if any. */
    public Schedule advanced(Instant until, Instant fireTime, JobId fired) {
        return new Schedule(id, name, cron, every, timezone, job, overlap, misfire, paused, until,
                fired == null ? lastFire : fireTime, fired == null ? lastJob : fired);
    }

    private static void checkTiming(String cron, Duration every, ZoneId timezone) {
        boolean hasCron = cron != null && !cron.isBlank();
        if (hasCron == (every != null)) {
            throw new InvalidInputException(hasCron ? "every" : "cron", "a schedule needs exactly one of 'cron' and "
                    + "'every', but was " + (hasCron ? "both" : "neither"));
        }
        if (hasCron) {
            if (cron.length() > 1024) {
                throw new InvalidInputException("cron", "cron may be at most 1024 characters, but was " + cron.length());
            }
            CronTimes.parse(cron, timezone);
        } else if (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0 || every.toMillis() % 1000 != 0) {
            throw new InvalidInputException("every", "every must be whole seconds between " + MIN_EVERY + " and "
                    + MAX_EVERY + ", but was " + every);
        }
    }

    private static void checkJob(JobSpec job) {
        if (job == null) {
            throw new InvalidInputException("job", "a schedule needs a 'job' (an ordinary job spec), but was none");
        }
        if (job.idempotencyKey() != null) {
            throw new InvalidInputException("job.idempotencyKey", "job.idempotencyKey must not be set (each fire "
                    + "gets schedule:ID:FIRE_TIME), but was '" + job.idempotencyKey() + "'");
        }
        if (!job.dependsOn().isEmpty()) {
            throw new InvalidInputException("job.dependsOn", "job.dependsOn must be empty for a schedule, but was "
                    + job.dependsOn().size() + " jobs");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (text(value).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(text(value));
        }
        throw new InvalidInputException(field, field + " must be one of " + allowed + ", but was '" + text + "'");
    }
}
