package io.jobgrid.core;

import io.jobgrid.api.JobId;

/**
 * What travels through a work queue: a job id and the attempt number it was queued at. The
 * attempt is the fence: a claim succeeds only while the record is QUEUED at that attempt, so
 * duplicate or out-of-date items are discarded harmlessly.
 */
public record QueueItem(JobId id, int attempt) {
    /** Reads the form {@link #text()} writes. */
    public static QueueItem parse(String text) {
        int colon = text.lastIndexOf(':');
        return new QueueItem(new JobId(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    }

    /** The item as it travels: {@code id:attempt}. */
    public String text() {
        return id.value() + ":" + attempt;
    }
}
