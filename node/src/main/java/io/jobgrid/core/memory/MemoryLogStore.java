package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.core.LogStore;
import io.jobgrid.core.OutputTail;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each attempt's output as a bounded tail in a {@link ConcurrentHashMap}, appended atomically
 * with the grid's rules ({@link OutputTail}): a chunk that starts where the tail ends is added;
 * a chunk that starts before the end is a repeat (a retried call) and adds nothing, so each byte
 * is written once; a chunk that starts after the end (bytes the runner dropped) restarts the tail
 * there; past {@code capBytes} the oldest bytes are dropped.
 *
 * <p>Appends complete before they return. Nothing is replicated or persisted: the output is gone
 * with the JVM.
 */
public final class MemoryLogStore implements LogStore {
    private final Map<Key, OutputTail> tails = new ConcurrentHashMap<>();
    private final int cap;

    /** @param capBytes the most bytes kept per attempt; older ones are dropped */
    public MemoryLogStore(int capBytes) {
        if (capBytes < 1) {
            throw new IllegalArgumentException("capBytes must be at least 1, but was " + capBytes);
        }
        this.cap = capBytes;
    }

    @Override
    public CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] bytes, long[] stderr,
                                            boolean last) {
        tails.compute(new Key(id, attempt),
                (k, tail) -> (tail == null ? OutputTail.EMPTY : tail).append(offset, bytes, stderr, last, cap));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public JobLog read(JobId id, int attempt, long from) {
        OutputTail tail = tails.get(new Key(id, attempt));
        if (tail == null) {
            return new JobLog(id, attempt, 0, 0, new byte[0], false);
        }
        long first = Math.max(from, tail.start());
        return new JobLog(id, attempt, Math.min(first, tail.end()), tail.end(), tail.from(from), tail.complete(),
                tail.stderrFrom(from));
    }

    private record Key(JobId id, int attempt) {
        Key {
            java.util.Objects.requireNonNull(id, "id");
        }
    }
}
