package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

/**
 * The outcome of one atomic update: the state it found ({@code null} if no record), the record it
 * left, and that record's state. {@code after} is null when the update said its caller needs only
 * the state ({@link JobUpdate#needsRecord}), so a record with thousands of parents is not sent
 * back for every one of them.
 */
public record Change(JobState from, JobRecord after, JobState to) {
    public Change(JobState from, JobRecord after) {
        this(from, after, after == null ? null : after.state());
    }
}
