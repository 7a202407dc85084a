package io.jobgrid.api;

import java.util.List;
import java.util.Optional;

/**
 * Cluster-wide concurrency limits per key: never more than {@code max} jobs whose spec names the
 * key ({@link JobSpec#concurrencyKey()}) run at once anywhere in the cluster. A job that finds
 * its key's limit reached waits, QUEUED, until one of them ends. A key without a limit runs freely.
 */
public interface Limits {
    /** The largest limit accepted: far above any cluster's slots, and small enough to be a mistake above it. */
    int MAX_LIMIT = 1_000_000;

    /**
     * Sets (or changes) the limit of {@code key}. Lowering it below the jobs running now stops new
     * starts only; raising it starts waiting jobs at once.
     *
     * @throws InvalidInputException naming {@code key} or {@code max} when either is out of range
     */
    ConcurrencyLimit set(String key, int max);

    /** The key's limit and counts; empty when it has no limit and no job holds or waits for a permit. */
    Optional<ConcurrencyLimit> get(String key);

    /** Every key with a limit, or with jobs running or waiting, by key. */
    List<ConcurrencyLimit> list();

    /** Removes the key's limit: its waiting jobs start. False when it had none. */
    boolean delete(String key);

    /** Checks a limit as {@link #set} does. */
    static int checkMax(int max) {
        if (max < 0 || max > MAX_LIMIT) {
            throw new InvalidInputException("max", "max must be between 0 and " + MAX_LIMIT + ", but was " + max);
        }
        return max;
    }
}
