package io.jobgrid.shell.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** One run of a job: where, when, and how it ended ({@code outcome} null while it runs). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptView(int attempt, String node, Instant startedAt, Instant finishedAt, String outcome,
                          Integer exitCode) {
}
