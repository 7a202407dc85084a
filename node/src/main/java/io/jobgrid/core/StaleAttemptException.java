package io.jobgrid.core;

import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobId;

/**
 * A report or claim carried an attempt (fence) that is no longer current: another attempt has
 * started, or the job was cancelled. It is discarded, never written over the newer state.
 */
public class StaleAttemptException extends JobGridException {
    public StaleAttemptException(JobId id, int attempt, String why) {
        super("Job " + id + " attempt " + attempt + " is stale: " + why);
    }
}
