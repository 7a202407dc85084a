package io.jobgrid.api;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Fire times of a six-field cron expression (seconds first, Spring's definition) in a time zone.
 * cron-utils parses the expression and walks the wall clock; this class only maps wall-clock times to
 * instants, the same way in every member: the expression is evaluated on local date-times (as if the
 * zone had no daylight saving), and each local time becomes an instant with {@link ZonedDateTime#ofLocal}.
 * So a local time that repeats when clocks go back is its first (earlier) instant only, and one that
 * does not exist when clocks go forward is moved forward by the length of the gap (02:30 becomes 03:30),
 * firing once unless that instant is a fire time anyway, when the two are one fire.
 */
final class CronTimes {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronTimes(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /** The parsed expression, or {@link InvalidInputException} naming {@code cron}. */
    static CronTimes parse(String expression, ZoneId zone) {
        String trimmed = expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 6) {
            throw new InvalidInputException("cron", "cron must have six fields (second minute hour day-of-month month"
                    + " day-of-week), but was '" + expression + "' (" + fields + " fields)");
        }
        try {
            return new CronTimes(ExecutionTime.forCron(PARSER.parse(trimmed).validate()), zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cron", "cron must be a valid six-field expression (" + e.getMessage()
                    + "), but was '" + expression + "'");
        }
    }

    /** The first fire time strictly after {@code after}, or null when there is none. */
    Instant nextAfter(Instant after) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < 4; i++) { // a gap can map a local time onto or before `after`: look further
            Optional<ZonedDateTime> next = times.nextExecution(local.atZone(ZoneOffset.UTC));
            if (next.isEmpty()) {
                return null;
            }
            local = next.get().toLocalDateTime();
            Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
        }
        return null;
    }

    /** The last fire time at or before {@code at}, or null when there is none. */
    Instant latestAtOrBefore(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone).plusSeconds(1).withNano(0);
        for (int i = 0; i < 4; i++) {
            Optional<ZonedDateTime> last = times.lastExecution(local.atZone(ZoneOffset.UTC));
            if (last.isEmpty()) {
                return null;
            }
            local = last.get().toLocalDateTime();
            Instant fire = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (!fire.isAfter(at)) {
                return fire;
            }
        }
        return null;
    }
}
