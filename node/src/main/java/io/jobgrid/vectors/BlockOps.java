package io.jobgrid.vectors;

/**
 * The loops of a compiled expression ({@link Program}): each applies one operation to a block of
 * up to {@link Program#BLOCK} elements, from arrays at offsets (a vector's chunk, a constant or a
 * temporary block), so the JIT compiles each into a tight, usually vectorised, loop. An
 * expression of k operations costs k of these loops per block, never a call per element.
 *
 * <p>Semantics are IEEE 754 throughout: {@code min} and {@code max} propagate NaN
 * ({@link Math#min}); a comparison is 1 when true and 0 when false, so any comparison with NaN is
 * 0 except {@code !=}; a mask element is true when it is neither 0 nor NaN.
 */
final class BlockOps {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int MIN = 4;
    static final int MAX = 5;
    static final int LT = 6;
    static final int LE = 7;
    static final int GT = 8;
    static final int GE = 9;
    static final int EQ = 10;
    static final int NE = 11;
    static final int NEG = 12;
    static final int ABS = 13;
    static final int SQRT = 14;
    static final int EXP = 15;
    static final int LOG = 16;
    static final int COPY = 17;
    static final int WHERE = 18;
    static final int RSUM = 19;
    static final int RMIN = 20;
    static final int RMAX = 21;
    static final int RCOUNT = 22;

    private BlockOps() {
    }

    static boolean binary(int op) {
        return op <= NE;
    }

    static boolean unary(int op) {
        return op >= NEG && op <= COPY;
    }

    static boolean reduction(int op) {
        return op >= RSUM;
    }

    /** One operation over n elements: d[do..] = op(x[xo..], y[yo..], z[zo..]). */
    static void apply(int op, double[][] arr, int[] off, int x, int y, int z, int d, int n) {
        if (op <= MAX) {
            arithmetic(op, arr[x], off[x], arr[y], off[y], arr[d], off[d], n);
        } else if (op <= NE) {
            compare(op, arr[x], off[x], arr[y], off[y], arr[d], off[d], n);
        } else if (op <= COPY) {
            unary(op, arr[x], off[x], arr[d], off[d], n);
        } else {
            where(arr[x], off[x], arr[y], off[y], arr[z], off[z], arr[d], off[d], n);
        }
    }

    /** The same operation on single values (constant folding, the scalars around reductions). */
    static double apply(int op, double x, double y, double z) {
        double[][] arr = {{x}, {y}, {z}, new double[1]};
        apply(op, arr, new int[4], 0, 1, 2, 3, 1);
        return arr[3][0];
    }

    private static void arithmetic(int op, double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        switch (op) {
            case ADD -> add(x, xo, y, yo, d, dof, n);
            case SUB -> sub(x, xo, y, yo, d, dof, n);
            case MUL -> mul(x, xo, y, yo, d, dof, n);
            case DIV -> div(x, xo, y, yo, d, dof, n);
            case MIN -> min(x, xo, y, yo, d, dof, n);
            default -> max(x, xo, y, yo, d, dof, n);
        }
    }

    private static void compare(int op, double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        switch (op) {
            case LT -> lt(x, xo, y, yo, d, dof, n);
            case LE -> le(x, xo, y, yo, d, dof, n);
            case GT -> lt(y, yo, x, xo, d, dof, n);
            case GE -> le(y, yo, x, xo, d, dof, n);
            case EQ -> eq(x, xo, y, yo, d, dof, n);
            default -> ne(x, xo, y, yo, d, dof, n);
        }
    }

    private static void unary(int op, double[] x, int xo, double[] d, int dof, int n) {
        switch (op) {
            case NEG -> neg(x, xo, d, dof, n);
            case ABS -> abs(x, xo, d, dof, n);
            case SQRT -> sqrt(x, xo, d, dof, n);
            case EXP -> exp(x, xo, d, dof, n);
            case LOG -> log(x, xo, d, dof, n);
            default -> System.arraycopy(x, xo, d, dof, n);
        }
    }

    private static void add(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] + y[yo + i];
        }
    }

    private static void sub(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] - y[yo + i];
        }
    }

    private static void mul(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] * y[yo + i];
        }
    }

    private static void div(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] / y[yo + i];
        }
    }

    private static void min(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.min(x[xo + i], y[yo + i]);
        }
    }

    private static void max(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.max(x[xo + i], y[yo + i]);
        }
    }

    private static void lt(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] < y[yo + i] ? 1.0 : 0.0;
        }
    }

    private static void le(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] <= y[yo + i] ? 1.0 : 0.0;
        }
    }

    private static void eq(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] == y[yo + i] ? 1.0 : 0.0;
        }
    }

    private static void ne(double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = x[xo + i] != y[yo + i] ? 1.0 : 0.0;
        }
    }

    private static void neg(double[] x, int xo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = -x[xo + i];
        }
    }

    private static void abs(double[] x, int xo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.abs(x[xo + i]);
        }
    }

    private static void sqrt(double[] x, int xo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.sqrt(x[xo + i]);
        }
    }

    private static void exp(double[] x, int xo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.exp(x[xo + i]);
        }
    }

    private static void log(double[] x, int xo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            d[dof + i] = Math.log(x[xo + i]);
        }
    }

    private static void where(double[] m, int mo, double[] x, int xo, double[] y, int yo, double[] d, int dof, int n) {
        for (int i = 0; i < n; i++) {
            double mask = m[mo + i];
            d[dof + i] = mask != 0 && mask == mask ? x[xo + i] : y[yo + i];
        }
    }

    /** Folds n elements of x into acc[k] by a reduction: sum, min, max or count of true elements. */
    static void reduce(int op, double[] x, int xo, int n, double[] acc, int k) {
        switch (op) {
            case RSUM -> acc[k] += sum(x, xo, n);
            case RMIN -> acc[k] = Math.min(acc[k], Kernels.min(x, xo, xo + n));
            case RMAX -> acc[k] = Math.max(acc[k], Kernels.max(x, xo, xo + n));
            default -> acc[k] += count(x, xo, n);
        }
    }

    private static double sum(double[] x, int xo, int n) {
        return Kernels.sum(x, xo, xo + n);
    }

    private static int count(double[] x, int xo, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            double mask = x[xo + i];
            c += mask != 0 && mask == mask ? 1 : 0;
        }
        return c;
    }

    /** The starting value of an accumulator. */
    static double identity(int op) {
        return switch (op) {
            case RMIN -> Double.POSITIVE_INFINITY;
            case RMAX -> Double.NEGATIVE_INFINITY;
            default -> 0;
        };
    }

    /** Two partial accumulators of the same reduction, combined. */
    static double combine(int op, double a, double b) {
        return switch (op) {
            case RMIN -> Math.min(a, b);
            case RMAX -> Math.max(a, b);
            default -> a + b;
        };
    }
}
