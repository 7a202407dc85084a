package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a vector expression (see README, "Vector expressions"):
 * <pre>
 * statement  = [ name "=" ] comparison
 * comparison = additive [ ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") additive ]
 * additive   = term { ("+" | "-") term }
 * term       = unary { ("*" | "/") unary }
 * unary      = "-" unary | primary
 * primary    = number | name | function "(" comparison { "," comparison } ")" | "(" comparison ")"
 * </pre>
 * A name is letters, digits, {@code _} and {@code .}, starting with a letter or {@code _}; any
 * other vector name is written in double quotes ({@code "my-vector"}). Hand-written recursive
 * descent: the grammar has five levels, and a parser generator would add a build step and a
 * dependency for what fits in one class with errors that name the column.
 *
 * <p>Errors are {@link InvalidInputException}s on the field {@code expr}, saying the 1-based
 * column and what was expected there.
 */
final class ExprParser {
    private final String source;
    private int pos;

    private ExprParser(String source) {
        this.source = source;
    }

    static Expr.Statement parse(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidInputException("expr", "expr must be an expression such as 'sum(a * b)' or 'c = a + b',"
                    + " but was " + (source == null ? "missing" : "empty"));
        }
        return new ExprParser(source).statement();
    }

    private Expr.Statement statement() {
        skipSpace();
        int start = pos;
        String target = null;
        int targetColumn = 0;
        if (peekName()) {
            int column = pos + 1;
            String name = name();
            skipSpace();
            if (peek('=') && !source.startsWith("==", pos)) {
                pos++;
                target = name;
                targetColumn = column;
            } else {
                pos = start;
            }
        }
        Expr expr = comparison();
        skipSpace();
        if (pos < source.length()) {
            throw error("expected an operator or the end of the expression, but found '" + source.charAt(pos) + "'");
        }
        return new Expr.Statement(target, targetColumn, expr, source);
    }

    private Expr comparison() {
        Expr left = additive();
        skipSpace();
        String op = comparator();
        if (op == null) {
            return left;
        }
        int column = pos + 1;
        pos += op.length();
        Expr result = new Expr.Binary(op, left, additive(), column);
        skipSpace();
        if (comparator() != null) {
            throw error("comparisons do not chain; combine masks with * (and) or where(...)");
        }
        return result;
    }

    private String comparator() {
        for (String op : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
            if (source.startsWith(op, pos)) {
                return op;
            }
        }
        return null;
    }

    private Expr additive() {
        Expr left = term();
        while (true) {
            skipSpace();
            if (!peek('+') && !peek('-')) {
                return left;
            }
            int column = pos + 1;
            String op = String.valueOf(source.charAt(pos++));
            left = new Expr.Binary(op, left, term(), column);
        }
    }

    private Expr term() {
        Expr left = unary();
        while (true) {
            skipSpace();
            if (!peek('*') && !peek('/')) {
                return left;
            }
            int column = pos + 1;
            String op = String.valueOf(source.charAt(pos++));
            left = new Expr.Binary(op, left, unary(), column);
        }
    }

    private Expr unary() {
        skipSpace();
        if (peek('-')) {
            int column = pos + 1;
            pos++;
            return new Expr.Neg(unary(), column);
        }
        return primary();
    }

    private Expr primary() {
        skipSpace();
        int column = pos + 1;
        if (pos >= source.length()) {
            throw error("expected a number, a vector or '(', but the expression ended");
        }
        char c = source.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = comparison();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return new Expr.Num(number(), column);
        }
        if (c == '"') {
            return new Expr.Ref(quoted(), column);
        }
        if (peekName()) {
            String name = name();
            skipSpace();
            if (peek('(')) {
                pos++;
                return new Expr.Call(name, arguments(), column);
            }
            return new Expr.Ref(name, column);
        }
        throw error("expected a number, a vector or '(', but found '" + c + "'");
    }

    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek(')')) {
            pos++;
            return args;
        }
        args.add(comparison());
        skipSpace();
        while (peek(',')) {
            pos++;
            args.add(comparison());
            skipSpace();
        }
        expect(')');
        return args;
    }

    private double number() {
        int start = pos;
        skipWhile("0123456789.");
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            pos++;
            skipWhile("+-");
            skipWhile("0123456789");
        }
        String text = source.substring(start, pos);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + text + "' is not a number");
        }
    }

    private void skipWhile(String chars) {
        while (pos < source.length() && chars.indexOf(source.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private String quoted() {
        int start = ++pos;
        while (pos < source.length() && source.charAt(pos) != '"') {
            pos++;
        }
        if (pos >= source.length()) {
            pos = start - 1;
            throw error("the quoted vector name is not closed with '\"'");
        }
        return source.substring(start, pos++);
    }

    private boolean peekName() {
        return pos < source.length() && (Character.isLetter(source.charAt(pos)) || source.charAt(pos) == '_');
    }

    private String name() {
        int start = pos;
        while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos))
                || source.charAt(pos) == '_' || source.charAt(pos) == '.')) {
            pos++;
        }
        return source.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("expected '" + c + "', but " + (pos < source.length()
                    ? "found '" + source.charAt(pos) + "'" : "the expression ended"));
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < source.length() && source.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private InvalidInputException error(String message) {
        return error(source, pos + 1, message);
    }

    /** An error in the expression at a 1-based column. */
    static InvalidInputException error(String source, int column, String message) {
        return new InvalidInputException("expr", "expr has an error at column " + column + " of '" + source + "': "
                + message);
    }
}
