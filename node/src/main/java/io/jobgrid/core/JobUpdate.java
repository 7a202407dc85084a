package io.jobgrid.core;

import io.jobgrid.api.JobRecord;

import java.io.Serializable;

/**
 * One atomic change to one job record, applied where the record lives. It is deterministic
 * (time is carried in, never read), because it runs again on each backup replica.
 */
@FunctionalInterface
public interface JobUpdate extends Serializable {
    /**
     * Returns the new record, or {@code current} to leave it as it is.
     *
     * @param current the record, or null when there is none
     * @throws io.jobgrid.api.JobGridException to refuse the change; nothing is written
     */
    JobRecord apply(JobRecord current);

    /**
     * Whether the caller needs the record this update left ({@code after}) or only its state.
     * The record crosses the network back to the caller; an update that a big record receives
     * thousands of times (a parent's end, told to a job that waits for ten thousand) says no.
     */
    default boolean needsRecord(JobRecord after) {
        return true;
    }
}
