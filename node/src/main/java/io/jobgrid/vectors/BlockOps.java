package io.jobgrid.vectors;

/**
 * The loops of a compiled expression ({@link Program}): each applies one operation to the
 * elements {@code [from, from + n)} of a chunk, reading and writing every array at the same index
 * {@code i} (operand chunks, the result chunk and temporaries as long as the chunk), with a
 * number operand as a scalar in the loop ({@code d[i] = x[i] * c}). One index for all arrays is
 * what lets C2 (JDK 17) vectorise the loop: its SuperWord pass has no runtime alias check, so a
 * loop over arrays at different offsets ({@code d[o + i] = x[p + i] * y[q + i]}) stays scalar,
 * because the store might overlap a load; at one index, even an in-place update
 * ({@code d == x}) reads each element before it writes it. An expression of k operations costs k
 * of these loops per block, never a call per element.
 *
 * <p>Semantics are IEEE 754 throughout, the same whichever operand is a number: {@code min} and
 * {@code max} propagate NaN ({@link Math#min}); a comparison is 1 when true and 0 when false, so
 * any comparison with NaN is 0 except {@code !=}; a mask element is true when it is neither 0 nor
 * NaN.
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

    /** How many operands (x, y, z) an instruction reads; the other fields are placeholders. */
    static int reads(int op) {
        return op == WHERE ? 3 : binary(op) ? 2 : 1;
    }

    /**
     * One operation over the elements {@code [from, from + n)}: {@code arr[d][i] = op(x, y, z)}
     * where each operand is {@code arr[s][i]}, or the number {@code con[s]} when {@code arr[s]} is
     * null.
     */
    static void apply(int op, double[][] arr, double[] con, int x, int y, int z, int d, int from, int n) {
        int to = from + n;
        double[] out = arr[d];
        if (op == WHERE) {
            where(arr[x], con[x], arr[y], con[y], arr[z], con[z], out, from, to);
        } else if (arr[x] == null && !binary(op)) {
            fill(out, from, to, apply(op, con[x], 0, 0));
        } else if (!binary(op)) {
            unary(op, arr[x], out, from, to);
        } else if (arr[x] == null && arr[y] == null) {
            fill(out, from, to, apply(op, con[x], con[y], 0));
        } else if (arr[x] == null) {
            numberFirst(op, con[x], arr[y], out, from, to);
        } else if (arr[y] == null) {
            numberSecond(op, arr[x], con[y], out, from, to);
        } else {
            arrays(op, arr[x], arr[y], out, from, to);
        }
    }

    /** The same operation on single values (constant folding, the scalars around reductions). */
    static double apply(int op, double x, double y, double z) {
        double[][] arr = {{x}, {y}, {z}, new double[1]};
        apply(op, arr, new double[4], 0, 1, 2, 3, 0, 1);
        return arr[3][0];
    }

    /** Whether a mask element is true: neither 0 nor NaN. */
    static boolean truthy(double mask) {
        return mask != 0 && mask == mask;
    }

    private static void arrays(int op, double[] x, double[] y, double[] d, int from, int to) {
        switch (op) {
            case ADD -> add(x, y, d, from, to);
            case SUB -> sub(x, y, d, from, to);
            case MUL -> mul(x, y, d, from, to);
            case DIV -> div(x, y, d, from, to);
            case MIN -> min(x, y, d, from, to);
            case MAX -> max(x, y, d, from, to);
            case LT -> lt(x, y, d, from, to);
            case LE -> le(x, y, d, from, to);
            case GT -> lt(y, x, d, from, to);
            case GE -> le(y, x, d, from, to);
            case EQ -> eq(x, y, d, from, to);
            default -> ne(x, y, d, from, to);
        }
    }

    /** {@code x op c}. */
    private static void numberSecond(int op, double[] x, double c, double[] d, int from, int to) {
        switch (op) {
            case ADD -> addC(x, c, d, from, to);
            case SUB -> subC(x, c, d, from, to);
            case MUL -> mulC(x, c, d, from, to);
            case DIV -> divC(x, c, d, from, to);
            case MIN -> minC(x, c, d, from, to);
            case MAX -> maxC(x, c, d, from, to);
            default -> compareC(op, x, c, d, from, to);
        }
    }

    /**
     * {@code c op y}: addition, multiplication, min, max, == and != commute (IEEE 754: exactly, up
     * to which NaN comes out), a comparison flips, and subtraction and division have their own
     * loops.
     */
    private static void numberFirst(int op, double c, double[] y, double[] d, int from, int to) {
        switch (op) {
            case SUB -> cSub(c, y, d, from, to);
            case DIV -> cDiv(c, y, d, from, to);
            case LT -> compareC(GT, y, c, d, from, to);
            case LE -> compareC(GE, y, c, d, from, to);
            case GT -> compareC(LT, y, c, d, from, to);
            case GE -> compareC(LE, y, c, d, from, to);
            default -> numberSecond(op, y, c, d, from, to);
        }
    }

    private static void compareC(int op, double[] x, double c, double[] d, int from, int to) {
        switch (op) {
            case LT -> ltC(x, c, d, from, to);
            case LE -> leC(x, c, d, from, to);
            case GT -> gtC(x, c, d, from, to);
            case GE -> geC(x, c, d, from, to);
            case EQ -> eqC(x, c, d, from, to);
            default -> neC(x, c, d, from, to);
        }
    }

    private static void unary(int op, double[] x, double[] d, int from, int to) {
        switch (op) {
            case NEG -> neg(x, d, from, to);
            case ABS -> abs(x, d, from, to);
            case SQRT -> sqrt(x, d, from, to);
            case EXP -> exp(x, d, from, to);
            case LOG -> log(x, d, from, to);
            default -> System.arraycopy(x, from, d, from, to - from);
        }
    }

    /** {@code where(m, x, y)}; a number mask picks one operand for the whole block. */
    private static void where(double[] m, double mc, double[] x, double xc, double[] y, double yc, double[] d,
                              int from, int to) {
        if (m == null) {
            boolean pick = truthy(mc);
            copyOrFill(pick ? x : y, pick ? xc : yc, d, from, to);
        } else if (x != null && y != null) {
            where(m, x, y, d, from, to);
        } else if (x != null) {
            where(m, x, yc, d, from, to);
        } else if (y != null) {
            where(m, xc, y, d, from, to);
        } else {
            where(m, xc, yc, d, from, to);
        }
    }

    private static void copyOrFill(double[] x, double c, double[] d, int from, int to) {
        if (x == null) {
            fill(d, from, to, c);
        } else if (x != d) {
            System.arraycopy(x, from, d, from, to - from);
        }
    }

    private static void fill(double[] d, int from, int to, double c) {
        for (int i = from; i < to; i++) {
            d[i] = c;
        }
    }

    private static void add(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] + y[i];
        }
    }

    private static void sub(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] - y[i];
        }
    }

    private static void mul(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] * y[i];
        }
    }

    private static void div(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] / y[i];
        }
    }

    private static void min(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.min(x[i], y[i]);
        }
    }

    private static void max(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.max(x[i], y[i]);
        }
    }

    private static void lt(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] < y[i] ? 1.0 : 0.0;
        }
    }

    private static void le(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] <= y[i] ? 1.0 : 0.0;
        }
    }

    private static void eq(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] == y[i] ? 1.0 : 0.0;
        }
    }

    private static void ne(double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] != y[i] ? 1.0 : 0.0;
        }
    }

    private static void addC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] + c;
        }
    }

    private static void subC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] - c;
        }
    }

    private static void mulC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] * c;
        }
    }

    private static void divC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] / c;
        }
    }

    private static void minC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.min(x[i], c);
        }
    }

    private static void maxC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.max(x[i], c);
        }
    }

    private static void ltC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] < c ? 1.0 : 0.0;
        }
    }

    private static void leC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] <= c ? 1.0 : 0.0;
        }
    }

    private static void gtC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] > c ? 1.0 : 0.0;
        }
    }

    private static void geC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] >= c ? 1.0 : 0.0;
        }
    }

    private static void eqC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] == c ? 1.0 : 0.0;
        }
    }

    private static void neC(double[] x, double c, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = x[i] != c ? 1.0 : 0.0;
        }
    }

    private static void cSub(double c, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = c - y[i];
        }
    }

    private static void cDiv(double c, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = c / y[i];
        }
    }

    private static void neg(double[] x, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = -x[i];
        }
    }

    private static void abs(double[] x, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.abs(x[i]);
        }
    }

    private static void sqrt(double[] x, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.sqrt(x[i]);
        }
    }

    private static void exp(double[] x, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.exp(x[i]);
        }
    }

    private static void log(double[] x, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = Math.log(x[i]);
        }
    }

    private static void where(double[] m, double[] x, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double mask = m[i];
            d[i] = mask != 0 && mask == mask ? x[i] : y[i];
        }
    }

    private static void where(double[] m, double[] x, double yc, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double mask = m[i];
            d[i] = mask != 0 && mask == mask ? x[i] : yc;
        }
    }

    private static void where(double[] m, double xc, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double mask = m[i];
            d[i] = mask != 0 && mask == mask ? xc : y[i];
        }
    }

    private static void where(double[] m, double xc, double yc, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double mask = m[i];
            d[i] = mask != 0 && mask == mask ? xc : yc;
        }
    }

    /** Folds x[from..from + n) into acc[k] by a reduction: sum, min, max or count of true elements. */
    static void reduce(int op, double[] x, int from, int n, double[] acc, int k) {
        switch (op) {
            case RSUM -> acc[k] += Kernels.sum(x, from, from + n);
            case RMIN -> acc[k] = Math.min(acc[k], Kernels.min(x, from, from + n));
            case RMAX -> acc[k] = Math.max(acc[k], Kernels.max(x, from, from + n));
            default -> acc[k] += count(x, from, from + n);
        }
    }

    private static int count(double[] x, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            double mask = x[i];
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
