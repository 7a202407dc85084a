package io.jobgrid.api;

import java.util.List;

/**
 * Named distributed vectors of doubles, spread over the members in chunks and computed where the
 * chunks live (SPEC.md section 6). Every method may be called on any member.
 *
 * <p>Errors: {@link io.jobgrid.api.InvalidInputException} for bad input (naming the field),
 * {@link io.jobgrid.api.TooLargeException} for a vector the cluster cannot hold or a slice too
 * long, {@link io.jobgrid.api.NotFoundException} for an unknown vector,
 * {@link VectorConflictException} when the vector's state forbids the operation (exists already,
 * busy, interrupted update pending, changed during a read).
 *
 * <p>NaN policy: scalars and fill values must be finite (refused otherwise). Arithmetic follows
 * IEEE 754: an overflow gives infinities, which then propagate, and a NaN element (e.g. from
 * inf - inf) makes sum, dot, norm2, min and max NaN.
 */
public interface Vectors {

    VectorInfo create(String name, long size, VectorInit init);

    /** All vectors, sorted by name. */
    List<VectorInfo> list();

    VectorInfo info(String name);

    /** v[i] += scalar. */
    VectorInfo add(String name, double scalar);

    /** v[i] *= scalar. */
    VectorInfo scale(String name, double scalar);

    /** v[i] += a * x[i]; x must have the same size (x may be v itself). */
    VectorInfo axpy(String name, double a, String x);

    /** v[i] *= x[i]; x must have the same size. */
    VectorInfo mul(String name, String x);

    /** Sum of the elements; 0 for an empty vector. */
    double sum(String name);

    /** Sum of v[i] * w[i]; 0 for empty vectors. */
    double dot(String name, String with);

    /** Smallest element; an empty vector has none and is refused. */
    double min(String name);

    double max(String name);

    /** The Euclidean norm, sqrt(sum of squares). */
    double norm2(String name);

    /** Elements [from, to), at most {@link #MAX_SLICE} of them. */
    double[] slice(String name, long from, long to);

    void delete(String name);

    /**
     * Evaluates an expression over whole vectors in one pass, without temporary vectors: a value
     * ({@code sum((a - b) * (a - b))}, {@code max(abs(a)) / norm2(b)}) or an assignment to a new
     * or existing vector ({@code c = where(a > 0.5, a, 0) * 2 + b}, {@code a = a + b}). The
     * language is described in README ("Vector expressions"). Every vector in it must have the
     * same size. An assignment to a new vector creates it only when complete; one to an existing
     * vector is journaled like {@link #add}: interrupted, it says so and re-running the same
     * expression finishes it.
     *
     * @throws InvalidInputException a parse error (with its column), an unknown vector, vectors of
     *                               different sizes (both named, with their sizes)
     */
    VectorEval eval(String expression);

    /** The longest slice returned in one call. */
    int MAX_SLICE = 1_000_000;
}
