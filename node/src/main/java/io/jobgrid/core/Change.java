package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

/** The outcome of one atomic update: the state it found ({@code null} if no record) and the record it left. */
public record Change(JobState from, JobRecord after) {
}
