package io.jobgrid.api;

/**
 * The answer of {@link Vectors#eval}: the value of an expression that reduces (such as
 * {@code sum((a - b) * (a - b))}), or the vector an assignment wrote ({@code c = a * 2 + b}).
 *
 * @param value  the value; NaN when the expression was an assignment
 * @param vector the vector assigned to, or null when the expression gave a value
 * @param size   the size of that vector, or 0
 */
public record VectorEval(double value, String vector, long size) {

    public VectorEval {
        if (size < 0 || (vector == null && size != 0)) {
            throw new InvalidInputException("size", "size must be 0 for a value and at least 0 for vector "
                    + vector + ", but was " + size);
        }
    }

    public static VectorEval ofValue(double value) {
        return new VectorEval(value, null, 0);
    }

    public static VectorEval ofVector(String vector, long size) {
        return new VectorEval(Double.NaN, vector, size);
    }

    public boolean assignment() {
        return vector != null;
    }
}
