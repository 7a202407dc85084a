package io.jobgrid.core;

import java.util.List;
import java.util.Optional;

/**
 * The permits of every concurrency key, one entry per key. Every change runs atomically on the
 * key's entry ({@code grid.HzPermits}: an EntryProcessor), and an entry left with no limit, holder
 * or waiter is removed.
 */
public interface Permits {
    /** Runs {@code change} on the key's entry, atomically. */
    KeyPermits.Outcome change(String key, KeyPermits.Change change);

    /**
     * {@link #change} without waiting for it: the outcome completes on whatever thread the answer
     * arrives on, so what follows it must not block. By default it runs the change at once.
     */
    default java.util.concurrent.CompletionStage<KeyPermits.Outcome> changeAsync(String key, KeyPermits.Change change) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(change(key, change));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** The key's permits as they are now; empty when it has no entry. */
    Optional<KeyPermits> get(String key);

    /** Every key's permits, by key. */
    List<Keyed> all();

    /**
     * The permits of the keys whose entry this member holds (every key in memory): what this
     * member's sweep looks at, so each key is swept by one member and the sweep asks nobody.
     */
    List<Keyed> owned();

    /** One key's permits. */
    record Keyed(String key, KeyPermits permits) {
    }
}
