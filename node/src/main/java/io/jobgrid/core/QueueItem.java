package io.jobgrid.core;

import io.jobgrid.api.JobId;

/**
 * What travels through a work queue: a job id and the attempt number it was queued at. The
 * attempt is the fence: a claim succeeds only while the record is QUEUED at that attempt, so
 * duplicate or out-of-date items are discarded harmlessly.
 */
public record QueueItem(JobId id, int attempt) {
    /**
     * Reads the form {@link #text()} writes; anything after a second colon (the grid's queues add
     * the item's rank there, see {@code grid.QueueRank}) is not part of the item.
     */
    public static QueueItem parse(String text) {
        int colon = text.indexOf(':');
        int end = text.indexOf(':', colon + 1);
        return new QueueItem(new JobId(text.substring(0, colon)),
                Integer.parseInt(text, colon + 1, end < 0 ? text.length() : end, 10));
    }

    /** The item as it travels: {@code id:attempt}. */
    public String text() {
        return id.value() + ":" + attempt;
    }
}
