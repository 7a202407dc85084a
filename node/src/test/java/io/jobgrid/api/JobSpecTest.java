package io.jobgrid.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSpecTest {
    @Test
    void shellSpecRunsThroughSh() {
        assertThat(JobSpec.shell("echo hi").argv()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(JobSpec.command("echo", "hi").argv()).containsExactly("echo", "hi");
    }

    @Test
    void refusesBothOrNeitherOfCommandAndShell() {
        assertThatThrownBy(() -> JobSpec.builder().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was neither");
        assertThatThrownBy(() -> JobSpec.builder().shell("x").command(List.of("y")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was both");
    }

    @Test
    void namesTheFieldOfEachBadValue() {
        assertField(() -> JobSpec.builder().shell("x").maxAttempts(0).build(), "maxAttempts");
        assertField(() -> JobSpec.builder().shell("x").timeout(Duration.ZERO).build(), "timeoutSeconds");
        assertField(() -> JobSpec.builder().shell("x").env(Map.of("1BAD", "v")).build(), "env");
        assertField(() -> JobSpec.builder().shell("x").env(Map.of("JOBGRID_X", "v")).build(), "env.JOBGRID_X");
        assertField(() -> JobSpec.builder().shell("x").workdir("relative").build(), "workdir");
        assertField(() -> JobSpec.builder().shell("x").constraints(Map.of("os", "a b")).build(), "constraints.os");
        assertField(() -> JobSpec.builder().shell("x").dependsOn(List.of(JobId.of(1), JobId.of(1))).build(),
                "dependsOn");
        assertField(() -> JobSpec.builder().shell("x").priority(-1).build(), "priority");
        assertField(() -> JobSpec.builder().shell("x").priority(101).build(), "priority");
        assertField(() -> JobSpec.builder().shell("x").startWithin(Duration.ZERO).build(), "startWithin");
        assertField(() -> JobSpec.builder().shell("x").startWithin(Duration.ofMinutes(-10)).build(), "startWithin");
        assertField(() -> JobSpec.builder().shell("x").startWithin(Duration.ofMillis(999)).build(), "startWithin");
        assertField(() -> JobSpec.builder().shell("x").startWithin(Duration.ofDays(31)).build(), "startWithin");
    }

    @Test
    void aQueueDeadlineCountsFromSubmissionAndIsKeptThroughCopies() {
        JobSpec spec = JobSpec.builder().shell("x").startWithin(Duration.ofMinutes(10)).build();
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");

        assertThat(spec.startBy(t0)).isEqualTo(t0.plusSeconds(600));
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.inArray(JobId.of(3), 1).startWithin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(JobSpec.shell("x").startBy(t0)).isNull();
        assertThat(JobSpec.builder().shell("x").startWithin(JobSpec.MAX_START_WITHIN).build().startWithin())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void ranksHigherPrioritiesFirstAndAgesByOneMinutePerPoint() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        JobSpec normal = JobSpec.shell("x");
        JobSpec urgent = JobSpec.builder().shell("x").priority(100).build();
        JobSpec idle = JobSpec.builder().shell("x").priority(0).build();

        assertThat(normal.priority()).isEqualTo(JobSpec.DEFAULT_PRIORITY).isEqualTo(50);
        assertThat(urgent.queueRank(t0.plusSeconds(1))).isLessThan(normal.queueRank(t0));
        assertThat(normal.queueRank(t0)).isLessThan(normal.queueRank(t0.plusMillis(1)));
        assertThat(idle.queueRank(t0)).isLessThan(urgent.queueRank(t0.plus(Duration.ofMinutes(100)).plusMillis(1)));
        assertThat(idle.queueRank(t0)).isGreaterThan(urgent.queueRank(t0.plus(Duration.ofMinutes(99))));
    }

    @Test
    void boundsTheSizeOfScriptsAndEnv() {
        String big = "x".repeat(JobSpec.MAX_TEXT_BYTES + 1);

        assertThatThrownBy(() -> JobSpec.shell(big)).isInstanceOf(TooLargeException.class)
                .hasMessageContaining("shell may be at most");
        assertThatThrownBy(() -> JobSpec.builder().shell("x").env(Map.of("A", big)).build())
                .isInstanceOf(TooLargeException.class);
    }

    @Test
    void matchesConstraintsAgainstTags() {
        JobSpec gpu = JobSpec.builder().shell("x").constraints(Map.of("gpu", "true")).build();

        assertThat(gpu.eligibleOn(Map.of("gpu", "true", "os", "linux"))).isTrue();
        assertThat(gpu.eligibleOn(Map.of("os", "linux"))).isFalse();
    }

    @Test
    void backoffGrowsByFactorUpToMax() {
        Backoff b = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));

        assertThat(b.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delayBefore(5)).isEqualTo(Duration.ofSeconds(5));
    }

    private static void assertField(Runnable build, String field) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
