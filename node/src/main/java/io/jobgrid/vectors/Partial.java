package io.jobgrid.vectors;

import java.io.Serializable;

/**
 * A partial result over some chunks, combined associatively across chunks and members.
 *
 * @param sum    sum of the values (or of products for dot, of squares for norm2)
 * @param min    smallest value seen, +Inf when none
 * @param max    largest value seen, -Inf when none
 * @param chunks how many chunks contributed (or were updated): checked against the vector's
 *               chunk count so a lost chunk never passes silently
 */
public record Partial(double sum, double min, double max, long chunks) implements Serializable {
    public static final Partial EMPTY = new Partial(0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);

    public Partial combine(Partial other) {
        return new Partial(sum + other.sum, nanMin(min, other.min), nanMax(max, other.max),
                chunks + other.chunks);
    }

    /** Math.min propagates NaN, which is the policy: a NaN element makes min and max NaN. */
    private static double nanMin(double a, double b) {
        return Math.min(a, b);
    }

    private static double nanMax(double a, double b) {
        return Math.max(a, b);
    }
}
