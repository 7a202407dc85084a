package io.jobgrid.core;

import io.jobgrid.api.JobId;

/**
 * What travels through a work queue: a job id and the attempt number it was queued at, and the
 * job's concurrency key if it has one (so that a taker asks for a permit before the claim without
 * reading the record). The attempt is the fence: a claim succeeds only while the record is QUEUED
 * at that attempt, so duplicate or out-of-date items are discarded harmlessly.
 *
 * @param concurrencyKey the job's {@link io.jobgrid.api.JobSpec#concurrencyKey()}; null when none
 */
public record QueueItem(JobId id, int attempt, String concurrencyKey) {
    /** An item of a job without a concurrency key. */
    public QueueItem(JobId id, int attempt) {
        this(id, attempt, null);
    }

    /**
     * Reads the form {@link #text()} writes; anything after a second colon (the grid's queues add
     * the item's rank there, see {@code grid.QueueRank}) is not part of the item.
     */
    public static QueueItem parse(String text) {
        int colon = text.indexOf(':');
        int end = text.indexOf(':', colon + 1);
        int stop = end < 0 ? text.length() : end;
        int slash = text.indexOf('/', colon + 1);
        if (slash < 0 || slash > stop) {
            return new QueueItem(new JobId(text.substring(0, colon)), Integer.parseInt(text, colon + 1, stop, 10));
        }
        return new QueueItem(new JobId(text.substring(0, colon)), Integer.parseInt(text, colon + 1, slash, 10),
                text.substring(slash + 1, stop));
    }

    /** The item as it travels: {@code id:attempt}, or {@code id:attempt/key} with a concurrency key. */
    public String text() {
        return concurrencyKey == null ? id.value() + ":" + attempt : id.value() + ":" + attempt + "/" + concurrencyKey;
    }
}
