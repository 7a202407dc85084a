package io.jobgrid.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One run of a job on one node. {@code outcome} is null while the attempt runs, then one of
 * SUCCEEDED, FAILED, TIMED_OUT, CANCELLED or NODE_LOST (its node left the cluster mid-run);
 * {@code error} says why an attempt that did not succeed ended (null while it runs, or when none).
 */
public record Attempt(int attempt, String node, Instant startedAt, Instant finishedAt, String outcome,
                      Integer exitCode, String error) implements Serializable {
    public static final String NODE_LOST = "NODE_LOST";

    /** An attempt with no error (yet). */
    public Attempt(int attempt, String node, Instant startedAt, Instant finishedAt, String outcome, Integer exitCode) {
        this(attempt, node, startedAt, finishedAt, outcome, exitCode, null);
    }

    public Attempt ended(Instant at, String outcome, Integer exitCode, String error) {
        return new Attempt(attempt, node, startedAt, at, outcome, exitCode, error);
    }
}
