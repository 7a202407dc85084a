package io.jobgrid.execution;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A ring buffer over a process's output, stdout and stderr interleaved in the order they were
 * read, with the stderr bytes marked. Keeps at most {@code capacity} unflushed bytes; when the
 * process prints faster than the grid takes it, the oldest unflushed bytes are dropped and the
 * next chunk says where it begins, so the gap is visible. Thread-safe.
 *
 * <p>The ring grows as output comes, up to {@code capacity}: most jobs print little or nothing,
 * and a ring of the full capacity (1 MiB by default) made and zeroed for every attempt was, at a
 * few hundred attempts a second, a few hundred megabytes of garbage a second for a node's heap.
 */
public final class OutputBuffer {
    private static final int FIRST_RING = 4096;
    private static final byte[] NONE = new byte[0];

    private final int capacity;
    /** Grown before it would wrap, so it wraps only at full capacity; until then an index is an offset. */
    private byte[] ring = NONE;
    /** Unflushed stderr bytes as offset pairs [from, to), oldest first. */
    private final ArrayDeque<long[]> stderr = new ArrayDeque<>();
    private long written;
    private long flushed;

    public OutputBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("an output buffer's capacity must be positive, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds stdout bytes. */
    public void write(byte[] b, int off, int len) {
        write(b, off, len, false);
    }

    /** Adds bytes of stdout, or of stderr when {@code fromStderr}. */
    public synchronized void write(byte[] b, int off, int len, boolean fromStderr) {
        if (written + len > ring.length && ring.length < capacity) {
            grow(written + len);
        }
        for (int i = 0; i < len; i++) {
            ring[(int) ((written + i) % ring.length)] = b[off + i];
        }
        if (fromStderr && len > 0) {
            long[] lastSpan = stderr.peekLast();
            if (lastSpan != null && lastSpan[1] == written) {
                lastSpan[1] = written + len;
            } else {
                stderr.add(new long[] {written, written + len});
            }
        }
        written += len;
        while (!stderr.isEmpty() && stderr.peekFirst()[1] <= written - ring.length) {
            stderr.pollFirst(); // overwritten in the ring: bounded like the bytes
        }
    }

    /** A larger ring, holding every byte so far at the same index (it has not wrapped yet). */
    private void grow(long needed) {
        long size = Math.max(FIRST_RING, ring.length);
        while (size < needed && size < capacity) {
            size *= 2;
        }
        ring = Arrays.copyOf(ring, (int) Math.min(size, capacity));
    }

    /** Bytes printed so far. */
    public synchronized long written() {
        return written;
    }

    /** The bytes not yet taken, with the offset of the first one; null when there are none. */
    public synchronized Chunk take() {
        if (written == flushed) {
            return null;
        }
        long from = Math.max(flushed, written - ring.length);
        byte[] out = new byte[(int) (written - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring[(int) ((from + i) % ring.length)];
        }
        long[] spans = new long[stderr.size() * 2];
        int n = 0;
        for (long[] span : stderr) {
            if (span[1] > from) {
                spans[n++] = Math.max(span[0], from);
                spans[n++] = span[1];
            }
        }
        stderr.clear();
        flushed = written;
        return new Chunk(from, out, Arrays.copyOf(spans, n));
    }

    /**
     * A run of output beginning at byte {@code offset}; {@code stderr} marks its stderr bytes as
     * offset pairs [from, to) counted like {@code offset}.
     */
    public record Chunk(long offset, byte[] bytes, long[] stderr) {
        public Chunk {
            stderr = stderr == null ? new long[0] : stderr;
        }

        public Chunk(long offset, byte[] bytes) {
            this(offset, bytes, new long[0]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.offset == offset && Arrays.equals(c.bytes, bytes)
                    && Arrays.equals(c.stderr, stderr);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(offset) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Chunk[" + offset + "+" + bytes.length + (stderr.length == 0 ? "" : ", stderr " + stderr.length / 2
                    + " spans") + "]";
        }
    }
}
