package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * One run of a job: where, when, and how it ended. The node writes {@code outcome} as
 * {@code RUNNING} while the attempt runs, then the state it ended in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptView(int attempt, String node, Instant startedAt, Instant finishedAt, String outcome,
                          Integer exitCode, String error) {
    public AttemptView {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, but was " + attempt);
        }
    }
}
