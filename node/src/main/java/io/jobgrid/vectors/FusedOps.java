package io.jobgrid.vectors;

/**
 * One element of each {@link BlockOps} operation, for the loops {@link FusedLoops} generates: the
 * same IEEE 754 arithmetic as the block loops, element for element, so an assignment gives the
 * same bits either way. Small enough that C2 inlines every call into the generated loop.
 */
final class FusedOps {
    private FusedOps() {
    }

    static double add(double x, double y) {
        return x + y;
    }

    static double sub(double x, double y) {
        return x - y;
    }

    static double mul(double x, double y) {
        return x * y;
    }

    static double div(double x, double y) {
        return x / y;
    }

    static double min(double x, double y) {
        return Math.min(x, y);
    }

    static double max(double x, double y) {
        return Math.max(x, y);
    }

    static double lt(double x, double y) {
        return x < y ? 1.0 : 0.0;
    }

    static double le(double x, double y) {
        return x <= y ? 1.0 : 0.0;
    }

    static double gt(double x, double y) {
        return x > y ? 1.0 : 0.0;
    }

    static double ge(double x, double y) {
        return x >= y ? 1.0 : 0.0;
    }

    static double eq(double x, double y) {
        return x == y ? 1.0 : 0.0;
    }

    static double ne(double x, double y) {
        return x != y ? 1.0 : 0.0;
    }

    static double neg(double x) {
        return -x;
    }

    static double abs(double x) {
        return Math.abs(x);
    }

    static double sqrt(double x) {
        return Math.sqrt(x);
    }

    static double exp(double x) {
        return Math.exp(x);
    }

    static double log(double x) {
        return Math.log(x);
    }

    static double copy(double x) {
        return x;
    }

    static double where(double mask, double x, double y) {
        return BlockOps.truthy(mask) ? x : y;
    }

    /** 1 for a true mask element (neither 0 nor NaN), else 0: what {@code count} adds. */
    static double truth(double mask) {
        return BlockOps.truthy(mask) ? 1.0 : 0.0;
    }
}
