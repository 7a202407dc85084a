package io.jobgrid.shell.render;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void agesAreRelativeAndInOneUnit() {
        assertThat(Times.ago(NOW.minusMillis(300), NOW)).isEqualTo("just now");
        assertThat(Times.ago(NOW.minusSeconds(12), NOW)).isEqualTo("12s ago");
        assertThat(Times.ago(NOW.minusSeconds(3 * 60 + 59), NOW)).isEqualTo("3m ago");
        assertThat(Times.ago(NOW.minusSeconds(5 * 3600), NOW)).isEqualTo("5h ago");
        assertThat(Times.ago(NOW.minusSeconds(2 * 86_400 + 5), NOW)).isEqualTo("2d ago");
        assertThat(Times.ago(NOW.plusSeconds(5), NOW)).isEqualTo("in 5s");
        assertThat(Times.ago(null, NOW)).isEqualTo("-");
    }

    @Test
    void durationsArePreciseAndShort() {
        assertThat(Times.duration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Times.duration(Duration.ofMillis(4_250))).isEqualTo("4.2s");
        assertThat(Times.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Times.duration(Duration.ofSeconds(65))).isEqualTo("1m05s");
        assertThat(Times.duration(Duration.ofMinutes(123))).isEqualTo("2h03m");
        assertThat(Times.duration(Duration.ofHours(76))).isEqualTo("3d04h");
    }

    @Test
    void anOpenIntervalRunsUntilNow() {
        assertThat(Times.between(NOW.minusSeconds(30), null, NOW)).isEqualTo("30s");
        assertThat(Times.between(NOW.minusSeconds(30), NOW.minusSeconds(20), NOW)).isEqualTo("10s");
        assertThat(Times.between(null, null, NOW)).isEqualTo("-");
    }

    @Test
    void bytesUseBinaryUnits() {
        assertThat(Times.bytes(512)).isEqualTo("512B");
        assertThat(Times.bytes(1536)).isEqualTo("1.5KiB");
        assertThat(Times.bytes(300L * 1024 * 1024)).isEqualTo("300MiB");
        assertThat(Times.bytes(2L * 1024 * 1024 * 1024)).isEqualTo("2.0GiB");
    }

    @Test
    void progressBarFillsInProportion() {
        assertThat(ProgressBar.bar(1, 4, 8, Style.PLAIN)).isEqualTo("[██······]");
        assertThat(ProgressBar.bar(4, 4, 8, Style.PLAIN)).isEqualTo("[████████]");
        assertThat(ProgressBar.bar(0, 4, 8, Style.PLAIN)).isEqualTo("[········]");
    }
}
