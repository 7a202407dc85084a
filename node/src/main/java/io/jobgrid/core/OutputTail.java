package io.jobgrid.core;

import java.util.Arrays;

/**
 * Bytes {@code [start, end)} of an attempt's output, bounded, and the one rule for appending to it,
 * used by the grid's tails and the in-memory ones alike: a chunk that starts where the tail ends
 * is added; a chunk that starts before the end is a repeat (a retried call) and adds nothing, so
 * each byte is written once; a chunk that starts after the end (bytes the runner dropped before
 * they reached the grid) restarts the tail there; past {@code cap} the oldest bytes are dropped.
 * Immutable, so a read sees one whole append.
 *
 * <p>The output is stdout and stderr interleaved in the order they were captured; {@code stderr}
 * says which of the held bytes came from stderr, as pairs of offsets {@code [from, to)} (sorted,
 * disjoint, counted like {@code start} and {@code end}). Every other byte is stdout, so a tail
 * stored before the streams were told apart reads as all stdout.
 */
public record OutputTail(long start, long end, byte[] data, boolean complete, long[] stderr) {
    /** No stderr bytes. */
    public static final long[] NONE = new long[0];
    public static final OutputTail EMPTY = new OutputTail(0, 0, new byte[0], false);

    public OutputTail {
        if (start < 0 || end < start || data.length != end - start) {
            throw new IllegalArgumentException("a tail holds bytes [start, end), but was start=" + start
                    + " end=" + end + " length=" + data.length);
        }
        stderr = stderr == null ? NONE : stderr;
        if (stderr.length % 2 != 0) {
            throw new IllegalArgumentException("stderr spans come in pairs, but there were " + stderr.length + " offsets");
        }
    }

    public OutputTail(long start, long end, byte[] data, boolean complete) {
        this(start, end, data, complete, NONE);
    }

    /** The tail after appending {@code chunk} of stdout, which begins at byte {@code offset} of the output. */
    public OutputTail append(long offset, byte[] chunk, boolean last, int cap) {
        return append(offset, chunk, NONE, last, cap);
    }

    /**
     * The tail after appending {@code chunk}, which begins at byte {@code offset} of the output and
     * whose stderr bytes are {@code chunkStderr} (pairs of offsets like {@link #stderr}).
     */
    public OutputTail append(long offset, byte[] chunk, long[] chunkStderr, boolean last, int cap) {
        if (offset < end) {
            return last && !complete ? new OutputTail(start, end, data, true, stderr) : this; // a repeat: already held
        }
        long[] added = clip(chunkStderr == null ? NONE : chunkStderr, offset, offset + chunk.length);
        byte[] joined;
        long newStart;
        long[] spans;
        if (offset == end) {
            joined = Arrays.copyOf(data, data.length + chunk.length);
            System.arraycopy(chunk, 0, joined, data.length, chunk.length);
            newStart = start;
            spans = join(stderr, added);
        } else {
            joined = chunk.clone(); // a gap: the tail restarts at the chunk
            newStart = offset;
            spans = added;
        }
        long newEnd = newStart + joined.length;
        if (joined.length > cap) {
            joined = Arrays.copyOfRange(joined, joined.length - cap, joined.length);
            newStart = newEnd - cap;
            spans = clip(spans, newStart, newEnd);
        }
        return new OutputTail(newStart, newEnd, joined, last || complete, spans);
    }

    /** The bytes held from byte {@code from} on (all of them when {@code from} is before the start). */
    public byte[] from(long from) {
        long first = Math.max(from, start);
        if (first >= end) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) (first - start), data.length);
    }

    /** The stderr spans of the bytes held from byte {@code from} on. */
    public long[] stderrFrom(long from) {
        return from <= start ? stderr : clip(stderr, from, end);
    }

    /** The spans cut to {@code [from, to)}; spans wholly outside are left out. */
    static long[] clip(long[] spans, long from, long to) {
        long[] out = new long[spans.length];
        int n = 0;
        for (int i = 0; i + 1 < spans.length; i += 2) {
            long a = Math.max(spans[i], from);
            long b = Math.min(spans[i + 1], to);
            if (a < b) {
                out[n++] = a;
                out[n++] = b;
            }
        }
        return n == spans.length ? spans : Arrays.copyOf(out, n);
    }

    /** {@code before} then {@code after} (which begins no earlier), a span that meets its successor merged. */
    static long[] join(long[] before, long[] after) {
        if (after.length == 0) {
            return before;
        }
        if (before.length == 0) {
            return after;
        }
        boolean meet = before[before.length - 1] == after[0];
        long[] out = new long[before.length + after.length - (meet ? 2 : 0)];
        System.arraycopy(before, 0, out, 0, before.length);
        if (meet) {
            out[before.length - 1] = after[1];
            System.arraycopy(after, 2, out, before.length, after.length - 2);
        } else {
            System.arraycopy(after, 0, out, before.length, after.length);
        }
        return out;
    }
}
