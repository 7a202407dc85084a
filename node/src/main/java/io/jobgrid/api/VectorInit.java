package io.jobgrid.api;

import java.io.Serializable;

/**
 * How a new vector's elements are filled. Every element is a pure function of its index, so a
 * chunk can be built where it lives (and again on its backup) without crossing the network.
 */
public record VectorInit(Kind kind, double value, double start, double step, long seed)
        implements Serializable {

    /** The fill rules of SPEC.md section 6. */
    public enum Kind { ZEROS, FILL, RANGE, RANDOM }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    public VectorInit {
        if (kind == null) {
            throw new InvalidInputException("init", "init must be one of zeros, fill, range, random, but was null");
        }
        VectorChecks.finite("value", value);
        VectorChecks.finite("start", start);
        VectorChecks.finite("step", step);
    }

    public static VectorInit zeros() {
        return new VectorInit(Kind.ZEROS, 0, 0, 0, 0);
    }

    public static VectorInit fill(double value) {
        return new VectorInit(Kind.FILL, value, 0, 0, 0);
    }

    public static VectorInit range(double start, double step) {
        return new VectorInit(Kind.RANGE, 0, start, step, 0);
    }

    public static VectorInit random(long seed) {
        return new VectorInit(Kind.RANDOM, 0, 0, 0, seed);
    }

    /** The element at {@code index}: range is start + index * step, random is uniform in [0, 1). */
    public double valueAt(long index) {
        return switch (kind) {
            case ZEROS -> 0.0;
            case FILL -> value;
            case RANGE -> start + index * step;
            case RANDOM -> (mix(seed + (index + 1) * GOLDEN) >>> 11) * 0x1.0p-53;
        };
    }

    /** Fills {@code out} with the elements from {@code offset} on. */
    public void fillInto(double[] out, long offset) {
        switch (kind) {
            case ZEROS -> { }
            case FILL -> java.util.Arrays.fill(out, value);
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = valueAt(offset + i);
                }
            }
        }
    }

    /** SplitMix64's finaliser: a cheap, well-mixed hash of the element's index and the seed. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
