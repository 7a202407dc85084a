package io.jobgrid.vectors;

import io.jobgrid.api.VectorChecks;
import io.jobgrid.api.VectorInit;

import java.io.Serializable;

/**
 * One state-changing operation on a vector, as journaled in its metadata while it runs. Two
 * equal updates are the same request: re-running an interrupted update finishes it instead of
 * applying it again.
 *
 * @param other the second operand of axpy and mul, the expression of eval, else null
 * @param init  how create fills the chunks, else null
 */
public record Update(Kind kind, double scalar, String other, VectorInit init) implements Serializable {

    /** The operations that write chunks. */
    public enum Kind { CREATE, ADD, SCALE, AXPY, MUL, DELETE, EVAL }

    static Update create(VectorInit init) {
        return new Update(Kind.CREATE, 0, null, init);
    }

    static Update add(double scalar) {
        return new Update(Kind.ADD, VectorChecks.finite("scalar", scalar), null, null);
    }

    static Update scale(double scalar) {
        return new Update(Kind.SCALE, VectorChecks.finite("scalar", scalar), null, null);
    }

    static Update axpy(double a, String x) {
        return new Update(Kind.AXPY, VectorChecks.finite("a", a), VectorChecks.name("x", x), null);
    }

    static Update mul(String x) {
        return new Update(Kind.MUL, 1, VectorChecks.name("x", x), null);
    }

    /** An assignment {@code target = expression}, in place or into a new vector. */
    static Update eval(String expression) {
        return new Update(Kind.EVAL, 0, expression, null);
    }

    static Update delete() {
        return new Update(Kind.DELETE, 0, null, null);
    }

    /** Changes the values in place (as opposed to create and delete). */
    boolean inPlace() {
        return kind != Kind.CREATE && kind != Kind.DELETE;
    }

    String describe() {
        return switch (kind) {
            case CREATE -> "create(" + init.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
            case ADD -> "add(" + scalar + ")";
            case SCALE -> "scale(" + scalar + ")";
            case AXPY -> "axpy(a=" + scalar + ", x=" + other + ")";
            case MUL -> "mul(x=" + other + ")";
            case DELETE -> "delete";
            case EVAL -> "eval(" + other + ")";
        };
    }
}
