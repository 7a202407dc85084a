package io.jobgrid.core;

import java.util.Arrays;

/**
 * Bytes {@code [start, end)} of an attempt's output, bounded, and the one rule for appending to it,
 * used by the grid's tails and the in-memory ones alike: a chunk that starts where the tail ends
 * is added; a chunk that starts before the end is a repeat (a retried call) and adds nothing, so
 * each byte is written once; a chunk that starts after the end (bytes the runner dropped before
 * they reached the grid) restarts the tail there; past {@code cap} the oldest bytes are dropped.
 * Immutable, so a read sees one whole append.
 */
public record OutputTail(long start, long end, byte[] data, boolean complete) {
    public static final OutputTail EMPTY = new OutputTail(0, 0, new byte[0], false);

    public OutputTail {
        if (start < 0 || end < start || data.length != end - start) {
            throw new IllegalArgumentException("a tail holds bytes [start, end), but was start=" + start
                    + " end=" + end + " length=" + data.length);
        }
    }

    /** The tail after appending {@code chunk}, which begins at byte {@code offset} of the output. */
    public OutputTail append(long offset, byte[] chunk, boolean last, int cap) {
        if (offset < end) {
            return last && !complete ? new OutputTail(start, end, data, true) : this; // a repeat: already held
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
        return new OutputTail(newStart, newEnd, joined, last || complete);
    }

    /** The bytes held from byte {@code from} on (all of them when {@code from} is before the start). */
    public byte[] from(long from) {
        long first = Math.max(from, start);
        if (first >= end) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) (first - start), data.length);
    }
}
