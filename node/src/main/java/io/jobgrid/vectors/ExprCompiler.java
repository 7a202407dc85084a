package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a parsed expression into a {@link Program}: numbers become constant slots, vectors
 * input slots, and every operation one instruction writing a temporary slot. Operations on
 * numbers only are folded here; an operation that appears twice with the same operands is
 * computed once per block ({@code (a-b)*(a-b)} subtracts once). An assignment's last operation
 * writes the result chunk directly.
 *
 * <p>An expression is either elementwise (a vector: what an assignment takes and a reduction
 * reduces) or a value (numbers and reductions, combined with the same operators); a reduction
 * inside an elementwise expression would need a second pass and is refused.
 */
final class ExprCompiler {
    private static final Map<String, Integer> UNARY = Map.of("abs", BlockOps.ABS, "sqrt", BlockOps.SQRT,
            "exp", BlockOps.EXP, "log", BlockOps.LOG);
    private static final Map<String, Integer> BINARY = Map.ofEntries(Map.entry("+", BlockOps.ADD),
            Map.entry("-", BlockOps.SUB), Map.entry("*", BlockOps.MUL), Map.entry("/", BlockOps.DIV),
            Map.entry("<", BlockOps.LT), Map.entry("<=", BlockOps.LE), Map.entry(">", BlockOps.GT),
            Map.entry(">=", BlockOps.GE), Map.entry("==", BlockOps.EQ), Map.entry("!=", BlockOps.NE),
            Map.entry("min", BlockOps.MIN), Map.entry("max", BlockOps.MAX));
    private static final Set<String> REDUCTIONS = Set.of("sum", "min", "max", "mean", "norm2", "dot", "count");
    static final String FUNCTIONS = "abs sqrt exp log min max where, reductions sum min max mean norm2 dot count";

    private final String source;
    private final List<String> operands = new ArrayList<>();
    private final List<Integer> operandColumns = new ArrayList<>();
    private final List<Byte> kinds = new ArrayList<>();
    private final List<Integer> inputOf = new ArrayList<>();
    private final List<Double> constants = new ArrayList<>();
    private final List<int[]> code = new ArrayList<>();
    private final List<Integer> accumulators = new ArrayList<>();
    private final Map<String, Integer> known = new HashMap<>();

    private ExprCompiler(String source) {
        this.source = source;
    }

    static Program compile(String source) {
        Expr.Statement statement = ExprParser.parse(source);
        ExprCompiler compiler = new ExprCompiler(source);
        return statement.target() == null ? compiler.valueProgram(statement) : compiler.assignment(statement);
    }

    private Program valueProgram(Expr.Statement statement) {
        Program.Scalar value = scalar(statement.expr());
        return build(null, value);
    }

    private Program assignment(Expr.Statement statement) {
        Expr expr = statement.expr();
        int result = element(expr);
        if (kinds.get(result) == Program.CONST) {
            throw ExprParser.error(source, start(expr), "assigning a number needs a vector to take its size from,"
                    + " e.g. " + statement.target() + " = a * 0 + " + constants.get(result));
        }
        if (kinds.get(result) == Program.INPUT) {
            int out = slot(Program.OUTPUT, -1, 0);
            code.add(new int[] {BlockOps.COPY, result, result, result, out, 0});
        } else {
            // The last instruction computed the result (nothing after it reads it): write the chunk directly.
            kinds.set(result, Program.OUTPUT);
        }
        return build(statement.target(), null);
    }

    private Program build(String target, Program.Scalar value) {
        byte[] k = new byte[kinds.size()];
        int[] in = new int[kinds.size()];
        double[] c = new double[kinds.size()];
        for (int s = 0; s < k.length; s++) {
            k[s] = kinds.get(s);
            in[s] = inputOf.get(s);
            c[s] = constants.get(s);
        }
        int[] flat = new int[code.size() * Program.WIDTH];
        for (int i = 0; i < code.size(); i++) {
            System.arraycopy(code.get(i), 0, flat, i * Program.WIDTH, Program.WIDTH);
        }
        shareTemporaries(k, flat);
        return new Program(source, target, List.copyOf(operands), List.copyOf(operandColumns), k, in, c, flat,
                accumulators.stream().mapToInt(Integer::intValue).toArray(), value);
    }

    /**
     * Lets an operation write over a temporary it reads for the last time ({@code (a - b) * (a - b)}
     * squares the difference in place), so an expression holds as few chunk-long temporaries as it
     * has values alive at once. Safe because every loop reads element i before it writes it.
     */
    static void shareTemporaries(byte[] kinds, int[] code) {
        int[] last = new int[kinds.length];
        java.util.Arrays.fill(last, -1);
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            for (int f = 1; f <= BlockOps.reads(code[pc]); f++) {
                last[code[pc + f]] = pc;
            }
        }
        int[] array = new int[kinds.length];
        for (int s = 0; s < array.length; s++) {
            array[s] = s;
        }
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            int d = code[pc + 4];
            boolean write = !BlockOps.reduction(code[pc]) && kinds[d] == Program.TEMP;
            for (int f = 1; f <= BlockOps.reads(code[pc]); f++) {
                int o = code[pc + f];
                if (write && kinds[o] == Program.TEMP && last[o] == pc) {
                    array[d] = array[o];
                    write = false;
                }
                code[pc + f] = array[o];
            }
            code[pc + 4] = array[d];
        }
    }

    /** An elementwise expression: the slot that holds its block. */
    private int element(Expr e) {
        if (e instanceof Expr.Num n) {
            return constant(n.value());
        }
        if (e instanceof Expr.Ref r) {
            return input(r);
        }
        if (e instanceof Expr.Neg n) {
            return op(BlockOps.NEG, element(n.arg()), 0, 0);
        }
        if (e instanceof Expr.Binary b) {
            return op(BINARY.get(b.op()), element(b.left()), element(b.right()), 0);
        }
        return elementCall((Expr.Call) e);
    }

    private int elementCall(Expr.Call call) {
        String f = call.function();
        List<Expr> args = call.args();
        if (UNARY.containsKey(f)) {
            arity(call, 1);
            return op(UNARY.get(f), element(args.get(0)), 0, 0);
        }
        if ((f.equals("min") || f.equals("max")) && args.size() == 2) {
            return op(BINARY.get(f), element(args.get(0)), element(args.get(1)), 0);
        }
        if (f.equals("where")) {
            arity(call, 3);
            return op(BlockOps.WHERE, element(args.get(0)), element(args.get(1)), element(args.get(2)));
        }
        if (REDUCTIONS.contains(f)) {
            throw ExprParser.error(source, call.column(), "the reduction " + f + "(...) gives a value, which cannot be"
                    + " part of an elementwise expression; reduce outside it, e.g. sum(a) / count(a > 0)");
        }
        throw unknown(call);
    }

    /** A value: numbers, reductions and the operators between them, evaluated once on the caller. */
    private Program.Scalar scalar(Expr e) {
        if (e instanceof Expr.Num n) {
            double value = n.value();
            return (acc, size) -> value;
        }
        if (e instanceof Expr.Ref r) {
            throw ExprParser.error(source, r.column(), "vector " + r.name() + " is not a value;"
                    + " reduce it (e.g. sum(" + r.name() + ")) or assign the expression (e.g. c = ...)");
        }
        if (e instanceof Expr.Neg n) {
            return apply(BlockOps.NEG, scalar(n.arg()), null, null);
        }
        if (e instanceof Expr.Binary b) {
            return apply(BINARY.get(b.op()), scalar(b.left()), scalar(b.right()), null);
        }
        return scalarCall((Expr.Call) e);
    }

    private Program.Scalar scalarCall(Expr.Call call) {
        String f = call.function();
        List<Expr> args = call.args();
        if (UNARY.containsKey(f)) {
            arity(call, 1);
            return apply(UNARY.get(f), scalar(args.get(0)), null, null);
        }
        if ((f.equals("min") || f.equals("max")) && args.size() == 2) {
            return apply(BINARY.get(f), scalar(args.get(0)), scalar(args.get(1)), null);
        }
        if (f.equals("where")) {
            arity(call, 3);
            return apply(BlockOps.WHERE, scalar(args.get(0)), scalar(args.get(1)), scalar(args.get(2)));
        }
        if (REDUCTIONS.contains(f)) {
            return reduction(call);
        }
        throw unknown(call);
    }

    private Program.Scalar reduction(Expr.Call call) {
        String f = call.function();
        if ((f.equals("min") || f.equals("max")) && call.args().size() != 1) {
            throw unknown(call);
        }
        arity(call, f.equals("dot") ? 2 : 1);
        int x = vectorArgument(call, 0);
        int k = accumulators.size();
        int column = call.column();
        String text = source;
        switch (f) {
            case "dot" -> accumulate(BlockOps.RSUM, op(BlockOps.MUL, x, vectorArgument(call, 1), 0));
            case "norm2" -> accumulate(BlockOps.RSUM, op(BlockOps.MUL, x, x, 0));
            case "min" -> accumulate(BlockOps.RMIN, x);
            case "max" -> accumulate(BlockOps.RMAX, x);
            case "count" -> accumulate(BlockOps.RCOUNT, x);
            default -> accumulate(BlockOps.RSUM, x);
        }
        return switch (f) {
            case "norm2" -> (acc, size) -> Math.sqrt(acc[k]);
            case "mean" -> (acc, size) -> {
                if (size == 0) {
                    throw Program.empty(text, column, f);
                }
                return acc[k] / size;
            };
            case "min", "max" -> (acc, size) -> {
                if (size == 0) {
                    throw Program.empty(text, column, f);
                }
                return acc[k];
            };
            default -> (acc, size) -> acc[k];
        };
    }

    private int vectorArgument(Expr.Call call, int index) {
        Expr arg = call.args().get(index);
        int slot = element(arg);
        if (kinds.get(slot) == Program.CONST) {
            throw ExprParser.error(source, start(arg), call.function() + " needs a vector here, to know how many"
                    + " elements to reduce, but this is the number " + constants.get(slot));
        }
        return slot;
    }

    private void accumulate(int op, int slot) {
        code.add(new int[] {op, slot, slot, slot, slot, accumulators.size()});
        accumulators.add(op);
    }

    private static Program.Scalar apply(int op, Program.Scalar x, Program.Scalar y, Program.Scalar z) {
        return (acc, size) -> BlockOps.apply(op, x.of(acc, size), y == null ? 0 : y.of(acc, size),
                z == null ? 0 : z.of(acc, size));
    }

    /** An operation's slot: folded when all its operands are numbers, shared when computed before. */
    private int op(int op, int x, int y, int z) {
        boolean folded = kinds.get(x) == Program.CONST && (BlockOps.unary(op) || kinds.get(y) == Program.CONST)
                && (op != BlockOps.WHERE || kinds.get(z) == Program.CONST);
        if (folded) {
            return constant(BlockOps.apply(op, constants.get(x), constants.get(y), constants.get(z)));
        }
        String key = op + ":" + x + ":" + y + ":" + z;
        Integer seen = known.get(key);
        if (seen != null) {
            return seen;
        }
        int d = slot(Program.TEMP, -1, 0);
        code.add(new int[] {op, x, y, z, d, 0});
        known.put(key, d);
        return d;
    }

    private int constant(double value) {
        return known.computeIfAbsent("c:" + Double.doubleToRawLongBits(value), k -> slot(Program.CONST, -1, value));
    }

    private int input(Expr.Ref ref) {
        return known.computeIfAbsent("v:" + ref.name(), k -> {
            operands.add(ref.name());
            operandColumns.add(ref.column());
            return slot(Program.INPUT, operands.size() - 1, 0);
        });
    }

    private int slot(byte kind, int input, double constant) {
        kinds.add(kind);
        inputOf.add(input);
        constants.add(constant);
        return kinds.size() - 1;
    }

    /** Where an expression starts: a binary operation's column is its operator's. */
    private static int start(Expr e) {
        return e instanceof Expr.Binary b ? start(b.left()) : e.column();
    }

    private void arity(Expr.Call call, int expected) {
        if (call.args().size() != expected) {
            throw ExprParser.error(source, call.column(), call.function() + " takes " + expected + " argument"
                    + (expected == 1 ? "" : "s") + ", but was given " + call.args().size());
        }
    }

    private InvalidInputException unknown(Expr.Call call) {
        String f = call.function();
        if (f.equals("min") || f.equals("max")) {
            return ExprParser.error(source, call.column(), f + " takes 1 argument (a reduction) or 2 (elementwise),"
                    + " but was given " + call.args().size());
        }
        return ExprParser.error(source, call.column(), "unknown function " + f + "; the functions are " + FUNCTIONS);
    }
}
