package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.core.LogStore;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each attempt's output as a bounded tail in a {@link ConcurrentHashMap}, appended atomically
 * with the grid's rules ({@code grid.LogTail}): a chunk that starts where the tail ends is added;
 * a chunk that starts before the end is a repeat (a retried call) and adds nothing, so each byte
 * is written once; a chunk that starts after the end (bytes the runner dropped) restarts the tail
 * there; past {@code capBytes} the oldest bytes are dropped.
 *
 * <p>Appends complete before they return. Nothing is replicated or persisted: the output is gone
 * with the JVM.
 */
public final class MemoryLogStore implements LogStore {
    private final Map<Key, Tail> tails = new ConcurrentHashMap<>();
    private final int cap;

    /** @param capBytes the most bytes kept per attempt; older ones are dropped */
    public MemoryLogStore(int capBytes) {
        if (capBytes < 1) {
            throw new IllegalArgumentException("capBytes must be at least 1, but was " + capBytes);
        }
        this.cap = capBytes;
    }

    @Override
    public CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] bytes, boolean last) {
        tails.compute(new Key(id, attempt), (k, tail) -> (tail == null ? Tail.EMPTY : tail).append(offset, bytes, last, cap));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public JobLog read(JobId id, int attempt, long from) {
        Tail tail = tails.get(new Key(id, attempt));
        if (tail == null) {
            return new JobLog(id, attempt, 0, 0, new byte[0], false);
        }
        long first = Math.max(from, tail.start());
        return new JobLog(id, attempt, Math.min(first, tail.end()), tail.end(), tail.from(from), tail.complete());
    }

    private record Key(JobId id, int attempt) {
        Key {
            java.util.Objects.requireNonNull(id, "id");
        }
    }

    /** Bytes {@code [start, end)} of an attempt's output; immutable, so a read sees one whole append. */
    private record Tail(long start, long end, byte[] data, boolean complete) {
        static final Tail EMPTY = new Tail(0, 0, new byte[0], false);

        Tail {
            if (start < 0 || end < start || data.length != end - start) {
                throw new IllegalArgumentException("a tail holds bytes [start, end), but was start=" + start
                        + " end=" + end + " length=" + data.length);
            }
        }

        Tail append(long offset, byte[] chunk, boolean last, int cap) {
            if (offset < end) {
                return last && !complete ? new Tail(start, end, data, true) : this; // a repeat: already held
            }
            byte[] joined;
            long newStart;
            if (offset == end) {
                joined = Arrays.copyOf(data, data.length + chunk.length);
                System.arraycopy(chunk, 0, joined, data.length, chunk.length);
                newStart = start;
            } else {
                joined = chunk.clone(); // a gap: the tail restarts at the chunk
                newStart = offset;
            }
            long newEnd = newStart + joined.length;
            if (joined.length > cap) {
                joined = Arrays.copyOfRange(joined, joined.length - cap, joined.length);
                newStart = newEnd - cap;
            }
            return new Tail(newStart, newEnd, joined, last || complete);
        }

        byte[] from(long from) {
            long first = Math.max(from, start);
            if (first >= end) {
                return new byte[0];
            }
            return Arrays.copyOfRange(data, (int) (first - start), data.length);
        }
    }
}
