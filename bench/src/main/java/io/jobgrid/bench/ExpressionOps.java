package io.jobgrid.bench;

import io.jobgrid.client.VectorClient;
import io.jobgrid.client.VectorCreate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The expression figures of {@code bin/bench vectors} (issue 18), on the vectors {@code y} and
 * {@code x} that {@link VectorOps} left on the grid (and their local copies):
 * <ul>
 * <li>{@code fused-sum}: {@code sum((y - x) * (y - x))} against one thread's fused loop over two
 * local arrays (target ratio >= 1.0);</li>
 * <li>{@code fused-assign}: {@code c = y * 2 + x} into a new vector against one thread allocating
 * and writing a third array (target >= 0.5);</li>
 * <li>{@code fused-vs-separate}: the same reduction as single operations through the API (a
 * temporary made, y added, x subtracted, squared, summed) against the fused expression; the ratio
 * is how many times faster the expression is (target >= 2);</li>
 * <li>{@code eval-sum-vs-sum}, {@code eval-axpy-vs-axpy}: a single operation as an expression
 * against its own route (the partition-operation fast path); ratio above 1 means eval is
 * faster;</li>
 * <li>{@code jet-start} (only where the vector is large enough to take the Jet path):
 * {@code sum(y)} through Jet against the same scan sent to the members directly
 * ({@code eval-sum-vs-sum} above), on {@code jobgrid.vector.direct-max-chunks + 1} chunks,
 * so the difference is the Jet job's cost.</li>
 * </ul>
 */
final class ExpressionOps {
    /** The nodes' default, ChunkRunner.DIRECT_MAX_CHUNKS, times the chunk size: the smallest vector run through Jet. */
    private static final int JET_MIN_SIZE = 257 * 65_536;

    private final VectorClient vectors;
    private final VectorOps ops;
    private final Duration patience;

    ExpressionOps(VectorClient vectors, VectorOps ops, Duration patience) {
        this.vectors = vectors;
        this.ops = ops;
        this.patience = patience;
    }

    List<Map<String, Object>> measure(int size, double[] y, double[] x) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        double[] results = new double[2];
        String fused = "sum((y - x) * (y - x))";
        out.add(ops.pair("fused-sum", size, () -> results[0] = vectors.evalValue(fused, patience),
                () -> results[1] = sumOfSquaredDifferences(y, x)));
        VectorOps.check("fused-sum", size, results[0], results[1]);
        double[][] c = new double[1][];
        out.add(ops.pair("fused-assign", size,
                () -> ops.deleteQuietly("c"), () -> vectors.evalJson("c = y * 2 + x", patience),
                () -> c[0] = null, () -> c[0] = twiceAPlusB(y, x)));
        VectorOps.check("fused-assign", size, vectors.evalValue("sum(c)", patience), sum(c[0]));
        c[0] = null;
        ops.deleteQuietly("c");
        out.add(relabel(ops.pair("fused-vs-separate", size, () -> ops.deleteQuietly("tmp"), () -> {
            vectors.create(VectorCreate.fill("tmp", size, 0), patience);
            vectors.axpy("tmp", 1, "y", patience);
            vectors.axpy("tmp", -1, "x", patience);
            vectors.mul("tmp", "tmp", patience);
            results[0] = vectors.reduce("tmp", "sum", patience);
        }, () -> { }, () -> results[1] = vectors.evalValue(fused, patience))));
        VectorOps.check("fused-vs-separate", size, results[0], results[1]);
        ops.deleteQuietly("tmp");
        out.add(ops.pair("eval-sum-vs-sum", size, () -> results[0] = vectors.evalValue("sum(y)", patience),
                () -> results[1] = vectors.reduce("y", "sum", patience)));
        out.add(ops.pair("eval-axpy-vs-axpy", size, () -> vectors.evalJson("y = y + 0.5 * x", patience),
                () -> vectors.axpy("y", 0.5, "x", patience)));
        if (size >= JET_MIN_SIZE) {
            out.add(jetStart());
        }
        return out;
    }

    /**
     * {@code sum(s)} on a vector one chunk above the direct limit (through Jet) against one of the
     * limit itself (sent to the members directly): the difference is what the Jet job adds.
     */
    private Map<String, Object> jetStart() throws Exception {
        ops.deleteQuietly("jet");
        ops.deleteQuietly("direct");
        vectors.create(VectorCreate.fill("jet", JET_MIN_SIZE, 1), patience);
        vectors.create(VectorCreate.fill("direct", JET_MIN_SIZE - 65_536, 1), patience);
        Map<String, Object> e = ops.pair("jet-start", JET_MIN_SIZE, () -> vectors.evalValue("sum(jet)", patience),
                () -> vectors.evalValue("sum(direct)", patience));
        ops.deleteQuietly("jet");
        ops.deleteQuietly("direct");
        double jetMs = (double) e.get("ms");
        double directMs = (double) e.get("baseline_ms");
        e.put("jet_job_ms", Math.round((jetMs - directMs * 257 / 256) * 100) / 100.0);
        System.err.println("# Jet job start cost (sum through Jet minus the direct scan, same work): "
                + e.get("jet_job_ms") + " ms");
        return e;
    }

    /** For fused-vs-separate the 'grid' side is the separate operations: the ratio is fused's speed-up. */
    private static Map<String, Object> relabel(Map<String, Object> e) {
        e.put("separate_ms", e.remove("ms"));
        e.put("fused_ms", e.remove("baseline_ms"));
        e.remove("elems_per_s");
        e.remove("baseline_elems_per_s");
        e.put("ratio", Math.round((double) e.get("separate_ms") / (double) e.get("fused_ms") * 1000) / 1000.0);
        return e;
    }

    /** The one-thread fused loop: one pass over both arrays, four accumulators like Kernels.sum. */
    static double sumOfSquaredDifferences(double[] a, double[] b) {
        return sumOfSquaredDifferences(a, b, 0, a.length);
    }

    /** The same over elements [from, to). */
    static double sumOfSquaredDifferences(double[] a, double[] b, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            double d0 = a[i] - b[i];
            double d1 = a[i + 1] - b[i + 1];
            double d2 = a[i + 2] - b[i + 2];
            double d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < to; i++) {
            double d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** One thread writing a new third array, as the grid writes a new vector. */
    static double[] twiceAPlusB(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] * 2 + b[i];
        }
        return c;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
