package io.jobgrid.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JobSpec TRUE = JobSpec.command("true");

    private static Schedule cron(String expression, ZoneId zone) {
        return Schedule.of("s", expression, null, zone, TRUE, null, null);
    }

    private static List<Instant> firesBetween(Schedule s, Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = s.nextFireAfter(from); t != null && t.isBefore(to); t = s.nextFireAfter(t)) {
            out.add(t);
        }
        return out;
    }

    @Test
    void springForwardMovesTheMissingLocalTimeForwardByTheGapAndFiresItOnce() {
        // 2026-03-08 02:00 EST does not exist in New York: clocks jump to 03:00 EDT
        Schedule daily = cron("0 30 2 * * *", NEW_YORK);
        List<Instant> fires = firesBetween(daily, Instant.parse("2026-03-07T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(fires).containsExactly(
                Instant.parse("2026-03-07T07:30:00Z"),  // 02:30 EST
                Instant.parse("2026-03-08T07:30:00Z"),  // 02:30 does not exist: 03:30 EDT
                Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT
    }

    @Test
    void springForwardGapTimeMergesWithAFireTimeAtTheSameInstant() {
        Schedule hourly = cron("0 30 * * * *", NEW_YORK);
        List<Instant> fires = firesBetween(hourly, Instant.parse("2026-03-08T05:00:00Z"), // 00:00 EST
                Instant.parse("2026-03-08T09:00:00Z")); // 05:00 EDT
        assertThat(fires).containsExactly(
                Instant.parse("2026-03-08T05:30:00Z"),  // 00:30 EST
                Instant.parse("2026-03-08T06:30:00Z"),  // 01:30 EST
                Instant.parse("2026-03-08T07:30:00Z"),  // 02:30 missing = 03:30 EDT, once
                Instant.parse("2026-03-08T08:30:00Z")); // 04:30 EDT
    }

    @Test
    void fallBackFiresTheRepeatedHourOnce() {
        // 2026-11-01 01:00-02:00 happens twice in New York (EDT, then EST)
        Schedule daily = cron("0 30 1 * * *", NEW_YORK);
        List<Instant> fires = firesBetween(daily, Instant.parse("2026-10-31T12:00:00Z"),
                Instant.parse("2026-11-02T12:00:00Z"));
        assertThat(fires).containsExactly(
                Instant.parse("2026-11-01T05:30:00Z"),  // 01:30 EDT
                Instant.parse("2026-11-02T06:30:00Z")); // 01:30 EST the day after; not 01:30 EST on the 1st
    }

    @Test
    void everyIsAlignedToTheEpochWhateverTheZone() {
        Schedule s = Schedule.of("s", null, Duration.ofSeconds(30), NEW_YORK, TRUE, null, null);
        assertThat(s.nextFireAfter(Instant.parse("2026-01-01T00:00:10Z"))).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(s.nextFireAfter(Instant.parse("2026-01-01T00:00:30Z"))).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(s.latestFireAtOrBefore(Instant.parse("2026-01-01T00:00:59.9Z"))).isEqualTo("2026-01-01T00:00:30Z");
    }

    @Test
    void latestCronFireAtOrBeforeIncludesTheInstantItself() {
        Schedule s = cron("*/10 * * * * *", ZoneId.of("UTC"));
        assertThat(s.latestFireAtOrBefore(Instant.parse("2026-01-01T00:00:20Z"))).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(s.latestFireAtOrBefore(Instant.parse("2026-01-01T00:00:29.5Z"))).isEqualTo("2026-01-01T00:00:20Z");
    }

    @Test
    void refusesBadInputNamingTheField() {
        assertThatThrownBy(() -> cron("0 * * * *", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cron must have six fields").hasMessageContaining("but was '0 * * * *'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("cron");
        assertThatThrownBy(() -> cron("0 61 * * * *", null)).hasMessageContaining("but was '0 61 * * * *'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("cron");
        assertThatThrownBy(() -> Schedule.zone("Mars/Olympus")).hasMessageContaining("but was 'Mars/Olympus'")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("timezone");
        assertThatThrownBy(() -> Schedule.period("30s")).extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("every");
        assertThatThrownBy(() -> Schedule.of("s", null, Duration.ofMillis(500), null, TRUE, null, null))
                .hasMessageContaining("every must be whole seconds").hasMessageContaining("but was PT0.5S");
        assertThatThrownBy(() -> Schedule.of("s", "0 * * * * *", Duration.ofSeconds(1), null, TRUE, null, null))
                .hasMessageContaining("exactly one of 'cron' and 'every', but was both");
        assertThatThrownBy(() -> Schedule.of("s", null, null, null, TRUE, null, null))
                .hasMessageContaining("but was neither");
        assertThatThrownBy(() -> Schedule.of("s", null, Duration.ofSeconds(5), null, null, null, null))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("job");
        assertThatThrownBy(() -> Schedule.of("s", null, Duration.ofSeconds(5), null,
                TRUE.toBuilder().idempotencyKey("k").build(), null, null))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("job.idempotencyKey");
        assertThatThrownBy(() -> Schedule.overlap("sometimes")).hasMessage(
                "overlap must be one of skip, allow, cancel-previous, but was 'sometimes'");
        assertThat(Schedule.overlap("cancel-previous")).isEqualTo(Schedule.Overlap.CANCEL_PREVIOUS);
        assertThat(Schedule.misfire("one")).isEqualTo(Schedule.Misfire.ONE);
    }
}
