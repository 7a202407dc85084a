package io.jobgrid.vectors;

import java.util.ArrayDeque;

/**
 * Each thread's spare temporaries for {@link Program.Frame}: arrays as long as a chunk, reused by
 * the next evaluation on the same thread instead of allocated (and zeroed) per partition. A
 * frame takes its temporaries when it starts and hands them back when closed, so no two frames
 * share an array, even interleaved on one thread. A new one is a whole chunk long, so it fits any
 * chunk; a few are kept per thread, and one found too short (a longer chunk size set since) is
 * dropped.
 */
final class Scratch {
    /** Spare arrays kept per thread: more temporaries than any expression of a few dozen steps. */
    static final int KEPT = 16;
    private static final ThreadLocal<ArrayDeque<double[]>> SPARE = ThreadLocal.withInitial(ArrayDeque::new);

    private Scratch() {
    }

    /** An array of at least {@code length} elements, with any content. */
    static double[] take(int length) {
        ArrayDeque<double[]> spare = SPARE.get();
        while (!spare.isEmpty()) {
            double[] a = spare.pollFirst();
            if (a.length >= length) {
                return a;
            }
        }
        return new double[Math.max(length, Layout.CHUNK_SIZE)];
    }

    static void release(double[] a) {
        ArrayDeque<double[]> spare = SPARE.get();
        if (a != null && spare.size() < KEPT) {
            spare.addFirst(a);
        }
    }
}
