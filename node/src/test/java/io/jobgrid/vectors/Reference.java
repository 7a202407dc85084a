package io.jobgrid.vectors;

import io.jobgrid.api.VectorInit;

/** The local double[] computations the grid's results are checked against. */
final class Reference {
    private Reference() {
    }

    static double[] of(long size, VectorInit init) {
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = init.valueAt(i);
        }
        return values;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double tolerance(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return 1e-9 * Math.max(1, s);
    }
}
