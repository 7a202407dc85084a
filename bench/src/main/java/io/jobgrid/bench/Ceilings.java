package io.jobgrid.bench;

import io.jobgrid.bench.VectorOps.Step;
import io.jobgrid.vectors.Kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a grid could reach on this machine at best, with no grid around the loops (no partition
 * operations, no network, no other process), against the same one-thread loop as each figure:
 * <ul>
 * <li>for the operations that write, with one backup: two threads in this JVM, each doing the
 * whole operation over its own replica, as the primary and the backup do
 * ({@code ceiling-add}, {@code ceiling-axpy}, {@code ceiling-assign});</li>
 * <li>for the reductions, which only the primaries compute: two threads, each over half the
 * chunks ({@code ceiling-sum}, {@code ceiling-dot}, {@code ceiling-fused-sum}).</li>
 * </ul>
 * A grid figure above its ceiling is impossible on this machine; one near it is bound by the
 * machine's two cores and their memory bandwidth, not by the grid.
 *
 * <p>The second thread walks the chunks starting half-way, so the two do not share the cache lines
 * of the operand they both read; an assignment's threads allocate every 64k-double chunk anew, as
 * the members do for a new vector (and the garbage collector copies them, as it does there).
 */
final class Ceilings implements AutoCloseable {
    private static final int CHUNK = 65_536;

    private final VectorOps ops;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "ceiling");
        t.setDaemon(true);
        return t;
    });

    Ceilings(VectorOps ops) {
        this.ops = ops;
    }

    /** {@code y += 2} on two replicas at once, against one thread on one. */
    Map<String, Object> add(double[] y) throws Exception {
        double[] replica = y.clone();
        return ops.pair("ceiling-add", y.length,
                () -> both(first -> forChunks(y.length, first, (from, to) -> Kernels.add(first ? y : replica, from, to, 2))),
                () -> Kernels.add(y, 0, y.length, 2));
    }

    /** {@code y += 0.5 * x} on two replicas of y at once, against one thread on one. */
    Map<String, Object> axpy(double[] y, double[] x) throws Exception {
        double[] replica = y.clone();
        return ops.pair("ceiling-axpy", y.length,
                () -> both(first -> forChunks(y.length, first,
                        (from, to) -> Kernels.axpy(first ? y : replica, 0.5, x, from, to))),
                () -> Kernels.axpy(y, 0.5, x, 0, y.length));
    }

    /** {@code c = y * 2 + x} into new chunks, twice at once, against one thread writing one new array. */
    Map<String, Object> assign(double[] y, double[] x) throws Exception {
        List<List<double[]>> made = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
        double[][] local = new double[1][];
        // Each side starts with the other's results dropped, so neither runs beside the other's live arrays.
        Step dropBoth = () -> {
            made.forEach(List::clear);
            local[0] = null;
        };
        return ops.pair("ceiling-assign", y.length,
                dropBoth,
                () -> both(first -> forChunks(y.length, first, (from, to) -> {
                    double[] c = new double[to - from];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = y[from + i] * 2 + x[from + i];
                    }
                    made.get(first ? 0 : 1).add(c);
                })),
                dropBoth,
                () -> local[0] = ExpressionOps.twiceAPlusB(y, x));
    }

    /** sum, dot and the fused sum of squared differences, each thread over half the chunks. */
    List<Map<String, Object>> reductions(double[] y, double[] x) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        double[] sums = new double[2];
        out.add(ops.pair("ceiling-sum", y.length,
                () -> both(first -> sums[first ? 0 : 1] = half(y.length, first, (from, to) -> Kernels.sum(y, from, to))),
                () -> Kernels.sum(y, 0, y.length)));
        out.add(ops.pair("ceiling-dot", y.length,
                () -> both(first -> sums[first ? 0 : 1] = half(y.length, first, (from, to) -> Kernels.dot(y, x, from, to))),
                () -> Kernels.dot(y, x, 0, y.length)));
        out.add(ops.pair("ceiling-fused-sum", y.length,
                () -> both(first -> sums[first ? 0 : 1] = half(y.length, first,
                        (from, to) -> ExpressionOps.sumOfSquaredDifferences(y, x, from, to))),
                () -> ExpressionOps.sumOfSquaredDifferences(y, x, 0, y.length)));
        return out;
    }

    /** The sum of a reduction over the first or the second half of the chunks. */
    private static double half(int size, boolean first, Reduction reduction) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        double s = 0;
        for (int c = first ? 0 : chunks / 2; c < (first ? chunks / 2 : chunks); c++) {
            s += reduction.of(c * CHUNK, Math.min(size, (c + 1) * CHUNK));
        }
        return s;
    }

    /** Runs the work as the first and as the second thread, and waits for both. */
    private void both(Work work) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (boolean first : new boolean[] {true, false}) {
            running.add(threads.submit(() -> {
                work.run(first);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** Every chunk [from, to) of a vector of {@code size}, the second thread starting half-way. */
    private static void forChunks(int size, boolean first, Range range) {
        int chunks = (size + CHUNK - 1) / CHUNK;
        int start = first ? 0 : chunks / 2;
        for (int k = 0; k < chunks; k++) {
            int c = (start + k) % chunks;
            range.run(c * CHUNK, Math.min(size, (c + 1) * CHUNK));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    @FunctionalInterface
    private interface Work {
        void run(boolean first) throws Exception;
    }

    @FunctionalInterface
    private interface Reduction {
        double of(int from, int to);
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }
}
