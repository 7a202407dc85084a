package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.core.IdSource;
import io.jobgrid.core.IdempotencyKeys;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job ids from a counter, and idempotency keys in a {@link ConcurrentHashMap} claimed with
 * {@code putIfAbsent}, so the first claim of a key wins it for good.
 *
 * <p>Ids are unique and increasing within one instance, so newest-first order holds; they are not
 * unique across instances or JVM restarts, and carry no time. Keys are never forgotten while the
 * instance lives, and are gone with the JVM.
 */
public final class MemoryIds implements IdSource, IdempotencyKeys {
    private final AtomicLong last;
    private final Map<String, JobId> keys = new ConcurrentHashMap<>();

    /** Ids from 1 up. */
    public MemoryIds() {
        this(1);
    }

    /** Ids from {@code first} up. */
    public MemoryIds(long first) {
        if (first < 0) {
            throw new IllegalArgumentException("first must not be negative, but was " + first);
        }
        this.last = new AtomicLong(first - 1);
    }

    @Override
    public JobId next() {
        return JobId.of(last.incrementAndGet());
    }

    @Override
    public Optional<JobId> claim(String key, JobId id) {
        return Optional.ofNullable(keys.putIfAbsent(key, id));
    }
}
