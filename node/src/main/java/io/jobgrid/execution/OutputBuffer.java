package io.jobgrid.execution;

import java.util.Arrays;

/**
 * A ring buffer over a process's output. Keeps at most {@code capacity} unflushed bytes; when
 * the process prints faster than the grid takes it, the oldest unflushed bytes are dropped and
 * the next chunk says where it begins, so the gap is visible. Thread-safe.
 */
public final class OutputBuffer {
    private final byte[] ring;
    private long written;
    private long flushed;

    public OutputBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            ring[(int) ((written + i) % ring.length)] = b[off + i];
        }
        written += len;
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
        flushed = written;
        return new Chunk(from, out);
    }

    /** A run of output beginning at byte {@code offset}. */
    public record Chunk(long offset, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.offset == offset && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(offset) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Chunk[" + offset + "+" + bytes.length + "]";
        }
    }
}
