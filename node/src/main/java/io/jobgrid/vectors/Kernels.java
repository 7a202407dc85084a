package io.jobgrid.vectors;

/**
 * The per-element loops, shared by the chunks and by the benchmark's single-thread baseline, so
 * the benchmark compares the grid against the very same loop over one local array. Reductions
 * keep four independent accumulators: a single running sum is bound by the add latency, not by
 * memory.
 */
public final class Kernels {
    private Kernels() {
    }

    public static double sum(double[] a, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static double dot(double[] a, double[] b, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Smallest element; NaN when any element is NaN (the policy of {@link Math#min}). */
    public static double min(double[] a, int from, int to) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    public static double max(double[] a, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    public static void add(double[] a, int from, int to, double s) {
        for (int i = from; i < to; i++) {
            a[i] += s;
        }
    }

    public static void scale(double[] a, int from, int to, double s) {
        for (int i = from; i < to; i++) {
            a[i] *= s;
        }
    }

    /** y[i] += alpha * x[i]. */
    public static void axpy(double[] y, double alpha, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += alpha * x[i];
        }
    }

    public static void mul(double[] y, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] *= x[i];
        }
    }
}
