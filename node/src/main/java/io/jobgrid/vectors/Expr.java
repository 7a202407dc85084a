package io.jobgrid.vectors;

import java.util.List;

/**
 * The syntax tree of a vector expression ({@link ExprParser}); every node keeps a 1-based column
 * (where it starts; a binary operation's operator), so that errors found while compiling
 * ({@link ExprCompiler}) can point at it.
 */
sealed interface Expr {
    int column();

    /** A number literal. */
    record Num(double value, int column) implements Expr {
    }

    /** A vector by name. */
    record Ref(String name, int column) implements Expr {
    }

    /** Unary minus. */
    record Neg(Expr arg, int column) implements Expr {
    }

    /** {@code + - * /} and the comparisons {@code < <= > >= == !=}. */
    record Binary(String op, Expr left, Expr right, int column) implements Expr {
    }

    /** A function: abs sqrt exp log min max where, or a reduction sum min max mean norm2 dot count. */
    record Call(String function, List<Expr> args, int column) implements Expr {
    }

    /**
     * A whole expression as typed.
     *
     * @param target the vector assigned to, or null for a value
     */
    record Statement(String target, int targetColumn, Expr expr, String source) {
    }
}
