package io.jobgrid.core;

import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobId;

import java.time.Instant;

/** A retry was taken from the queue before its backoff ended; it goes back until {@code retryAt}. */
public class NotYetException extends JobGridException {
    private final Instant retryAt;

    public NotYetException(JobId id, Instant retryAt) {
        super("Job " + id + " may not run before " + retryAt);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
