package io.jobgrid.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED"})
    void terminalStatesGoNowhere(JobState terminal) {
        for (JobState next : JobState.values()) {
            assertThat(terminal.canMoveTo(next)).as(terminal + " -> " + next).isFalse();
        }
        assertThat(terminal.isTerminal()).isTrue();
    }

    @Test
    void allowsExactlyTheSpecifiedMoves() {
        assertThat(JobState.WAITING.canMoveTo(JobState.QUEUED)).isTrue();
        assertThat(JobState.WAITING.canMoveTo(JobState.SKIPPED)).isTrue();
        assertThat(JobState.WAITING.canMoveTo(JobState.RUNNING)).isFalse();
        assertThat(JobState.QUEUED.canMoveTo(JobState.RUNNING)).isTrue();
        assertThat(JobState.QUEUED.canMoveTo(JobState.SUCCEEDED)).isFalse();
        assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED)).isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.TIMED_OUT)).isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.RUNNING)).isFalse();
        assertThat(JobState.RUNNING.canMoveTo(JobState.WAITING)).isFalse();
    }

    @Test
    void recordRefusesIllegalMoveNamingJobAndStates() {
        JobRecord done = JobRecord.submitted(JobId.of(42), JobSpec.shell("true"), T0)
                .started("n1", "m1", T0).finished(JobState.SUCCEEDED, 0, null, T0);

        assertThatThrownBy(() -> done.started("n1", "m1", T0))
                .isInstanceOf(IllegalStateChangeException.class)
                .hasMessage("Job " + JobId.of(42) + " cannot move from SUCCEEDED to RUNNING");
    }

    @Test
    void startingOpensANewAttemptAndFinishingClosesIt() {
        JobRecord queued = JobRecord.submitted(JobId.of(7), JobSpec.shell("true"), T0);

        JobRecord running = queued.started("n1", "m1", T0.plusSeconds(1));
        JobRecord retried = running.requeued("FAILED", 1, "exited with code 1", T0.plusSeconds(2), T0.plusSeconds(3));
        JobRecord done = retried.started("n2", "m2", T0.plusSeconds(4)).finished(JobState.SUCCEEDED, 0, null,
                T0.plusSeconds(5));

        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(running.attempt()).isEqualTo(1);
        assertThat(retried.notBefore()).isEqualTo(T0.plusSeconds(3));
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.node()).isEqualTo("n2");
        assertThat(done.attempts()).extracting(Attempt::outcome).containsExactly("FAILED", "SUCCEEDED");
        assertThat(done.attempts()).extracting(Attempt::node).containsExactly("n1", "n2");
    }

    @Test
    void parsesStateNamesAndNamesTheBadOne() {
        assertThat(JobState.parse("state", "running")).isEqualTo(JobState.RUNNING);
        assertThatThrownBy(() -> JobState.parse("state", "DONE"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but was 'DONE'");
    }
}
