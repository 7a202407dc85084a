package io.jobgrid.vectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every elementwise operator of a compiled {@link Program}, with vectors on both sides and with a
 * number on either side, against a scalar reference, bit for bit, through both engines: the loop
 * {@link FusedLoops} generates for the whole expression, and the block loops of {@link BlockOps}
 * (-0.0 is not 0.0; every NaN is one value). The operands hold NaN, both infinities, both zeros,
 * the extremes and ordinary values, in every pair; the numbers include those the compiler folds
 * into NaN, infinities and -0. Each program runs, with one frame, over a chunk of several
 * blocks and a ragged end, then a shorter chunk (the last of a vector), then in place, on a
 * thread whose spare temporaries hold the previous programs' values.
 */
class BlockOpsTest {
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        1, -1, 2, 0.5, -2.5, Double.MAX_VALUE, Double.MIN_VALUE};
    /** Numbers as written, with their values: folded to NaN, infinities and -0.0 as well. */
    private static final Map<String, Double> NUMBERS = numbers();
    private static final int LONG = Program.BLOCK * 2 + 17;
    private static final int SHORT = 300;
    /** Which engine {@link #value} uses: the generated loop, or the block loops. */
    private boolean engine = true;

    private static Map<String, Double> numbers() {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("2", 2.0);
        numbers.put("0.5", 0.5);
        numbers.put("0", 0.0);
        numbers.put("(-0)", -0.0);
        numbers.put("(1/0)", Double.POSITIVE_INFINITY);
        numbers.put("(-1/0)", Double.NEGATIVE_INFINITY);
        numbers.put("(0/0)", Double.NaN);
        return numbers;
    }

    private static Map<String, DoubleBinaryOperator> binary() {
        Map<String, DoubleBinaryOperator> ops = new LinkedHashMap<>();
        ops.put("+", Double::sum);
        ops.put("-", (p, q) -> p - q);
        ops.put("*", (p, q) -> p * q);
        ops.put("/", (p, q) -> p / q);
        ops.put("min", Math::min);
        ops.put("max", Math::max);
        ops.put("<", (p, q) -> p < q ? 1 : 0);
        ops.put("<=", (p, q) -> p <= q ? 1 : 0);
        ops.put(">", (p, q) -> p > q ? 1 : 0);
        ops.put(">=", (p, q) -> p >= q ? 1 : 0);
        ops.put("==", (p, q) -> p == q ? 1 : 0);
        ops.put("!=", (p, q) -> p != q ? 1 : 0);
        return ops;
    }

    private static String apply(String op, String left, String right) {
        return Character.isLetter(op.charAt(0)) ? op + "(" + left + ", " + right + ")" : left + " " + op + " " + right;
    }

    /** The reference semantics of {@code where}: a mask is true when neither 0 nor NaN. */
    private static double where(double m, double p, double q) {
        return m != 0 && !Double.isNaN(m) ? p : q;
    }

    /** The operands: x and y meet every pair of special values; m is x, as a mask. */
    private static double[] operand(String name, int n, int shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i + shift;
            v[i] = switch (name) {
                case "y" -> SPECIAL[(k / SPECIAL.length) % SPECIAL.length];
                default -> SPECIAL[k % SPECIAL.length];
            };
        }
        return v;
    }

    /** A case: the expression over x and y, and its value at one element. */
    private record Case(String expr, Reference reference) {
    }

    @FunctionalInterface
    private interface Reference {
        double at(double x, double y);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, DoubleBinaryOperator> op : binary().entrySet()) {
            DoubleBinaryOperator f = op.getValue();
            cases.add(new Case(apply(op.getKey(), "x", "y"), f::applyAsDouble));
            cases.add(new Case(apply(op.getKey(), "y", "x"), (x, y) -> f.applyAsDouble(y, x)));
            cases.add(new Case(apply(op.getKey(), "x", "x"), (x, y) -> f.applyAsDouble(x, x)));
            for (Map.Entry<String, Double> number : NUMBERS.entrySet()) {
                double c = number.getValue();
                cases.add(new Case(apply(op.getKey(), "x", number.getKey()), (x, y) -> f.applyAsDouble(x, c)));
                cases.add(new Case(apply(op.getKey(), number.getKey(), "x"), (x, y) -> f.applyAsDouble(c, x)));
            }
        }
        cases.add(new Case("-x", (x, y) -> -x));
        cases.add(new Case("abs(x)", (x, y) -> Math.abs(x)));
        cases.add(new Case("sqrt(x)", (x, y) -> Math.sqrt(x)));
        cases.add(new Case("exp(x)", (x, y) -> Math.exp(x)));
        cases.add(new Case("log(x)", (x, y) -> Math.log(x)));
        cases.add(new Case("y", (x, y) -> y));
        cases.add(new Case("where(x, y, -y)", (x, y) -> where(x, y, -y)));
        cases.add(new Case("where(x, x, y)", (x, y) -> where(x, x, y)));
        for (Map.Entry<String, Double> number : NUMBERS.entrySet()) {
            String n = number.getKey();
            double c = number.getValue();
            cases.add(new Case("where(x, " + n + ", y)", (x, y) -> where(x, c, y)));
            cases.add(new Case("where(x, y, " + n + ")", (x, y) -> where(x, y, c)));
            cases.add(new Case("where(x, " + n + ", 3)", (x, y) -> where(x, c, 3)));
            cases.add(new Case("where(" + n + ", x, y)", (x, y) -> where(c, x, y)));
            cases.add(new Case("where(" + n + ", 3, y)", (x, y) -> where(c, 3, y)));
            cases.add(new Case("where(" + n + ", y, 3)", (x, y) -> where(c, y, 3)));
        }
        cases.add(new Case("(x - y) * (x - y) + abs(x - y) * where(x > y, x - y, -(y * 2))", (x, y) -> (x - y) * (x - y)
                + Math.abs(x - y) * where(x > y ? 1 : 0, x - y, -(y * 2))));
        cases.add(new Case("sqrt(abs(-(exp(y) * 2) / 3)) - y", (x, y) -> Math.sqrt(Math.abs(-(Math.exp(y) * 2) / 3)) - y));
        cases.add(new Case("(x - 2) * (2 - x) + min(x, y) / (x < 1)", (x, y) -> (x - 2) * (2 - x) + Math.min(x, y)
                / (x < 1 ? 1 : 0)));
        return cases;
    }

    @Test
    void everyOperatorWithVectorsAndNumbersOnEitherSideMatchesTheScalarReference() {
        List<Case> cases = cases();
        for (Case c : cases) {
            Program program = ExprCompiler.compile("d = " + c.expr());
            assertThat(program.fused()).as("the generated loop of %s", c.expr()).isNotNull();
            for (boolean fused : new boolean[] {true, false}) {
                try (Program.Frame frame = program.frame()) {
                    check(program, frame, c, LONG, 0, false, fused);
                    check(program, frame, c, SHORT, 5, false, fused);
                }
                if (program.operands.contains("x")) {
                    try (Program.Frame frame = program.frame()) {
                        check(program, frame, c, LONG, 7, true, fused);
                    }
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(12 * (3 + 2 * NUMBERS.size()));
    }

    /** Runs the program over one chunk of n elements (into x's own chunk when in place). */
    private static void check(Program program, Program.Frame frame, Case c, int n, int shift, boolean inPlace,
                              boolean fused) {
        double[] x = operand("x", n, shift);
        double[] y = operand("y", n, shift);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = c.reference().at(x[i], y[i]);
        }
        double[][] inputs = new double[program.operands.size()][];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = program.operands.get(k).equals("x") ? x : y;
        }
        double[] before = x.clone();
        double[] out = inPlace ? x : new double[n];

        if (fused) {
            program.run(frame, inputs, out, n);
        } else {
            program.runBlocks(frame, inputs, out, n);
        }

        for (int i = 0; i < n; i++) {
            assertThat(Double.doubleToLongBits(out[i]))
                    .as("%s at x = %s, y = %s: %s, expected %s (n = %d%s, %s)", c.expr(), before[i], y[i], out[i],
                            expected[i], n, inPlace ? ", in place" : "", fused ? "generated loop" : "block loops")
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    @ParameterizedTest(name = "generated loop: {0}")
    @ValueSource(booleans = {true, false})
    void reductionsMatchTheReference(boolean fused) {
        engine = fused;
        double[] x = operand("x", LONG, 0);
        double[] y = operand("y", LONG, 0);
        double count = 0;
        double sum = 0;
        for (int i = 0; i < LONG; i++) {
            count += 1 < x[i] ? 1 : 0;
            double v = x[i] > 0 && x[i] < 1e300 && y[i] > -1 && y[i] < 1e300 ? x[i] * 2 - y[i] : 0;
            sum += v;
        }
        assertThat(value("count(1 < x)", x, y)).isEqualTo(count);
        assertThat(value("sum(where((x > 0) * (x < 1e300) * (y > -1) * (y < 1e300), x * 2 - y, 0))", x, y))
                .isCloseTo(sum, within(1e-9 * Math.abs(sum)));
        assertThat(value("min(2 - y * 0.5)", x, y)).isNaN();
        assertThat(value("max(where(y == y, 2 - y * 0.5, -1))", x, y)).isEqualTo(Double.POSITIVE_INFINITY);
        // Fewer elements than the generated loop's four lanes, then a ragged end after whole rounds of four.
        double[] three = {1, -2, 4};
        assertThat(value("sum(x) + 10 * count(x > 0) + 100 * min(x) + 1000 * max(x)", three, three))
                .isEqualTo(3 + 20 - 200 + 4000);
        double[] seven = {1, -2, 4, 8, 16, -32, 0.5};
        assertThat(value("sum(x * x) + min(y) * 1000", seven, seven)).isEqualTo(1 + 4 + 16 + 64 + 256 + 1024 + 0.25 - 32000);
    }

    /**
     * An expression whose loop would pass HotSpot's limit on compiled methods keeps the block loops
     * (a loop interpreted for ever would be far slower), and still gives the right value; one of
     * 20 terms is generated.
     */
    @Test
    void anExpressionTooLongForOneCompiledLoopRunsThroughTheBlockLoops() {
        StringBuilder sum = new StringBuilder("x");
        for (int k = 1; k <= 400; k++) {
            sum.append(" + x * ").append(k);
        }
        Program tooLong = ExprCompiler.compile("sum(" + sum + ")");
        assertThat(tooLong.fused()).isNull();
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        double factor = 1 + 400 * 401 / 2.0;
        try (Program.Frame frame = tooLong.frame()) {
            tooLong.run(frame, new double[][] {x}, null, x.length);
            assertThat(tooLong.value(frame.partial(1).acc(), x.length)).isCloseTo(28 * factor, within(1e-9 * 28 * factor));
        }

        StringBuilder shorter = new StringBuilder("x");
        for (int k = 1; k <= 20; k++) {
            shorter.append(" + x * ").append(k);
        }
        assertThat(ExprCompiler.compile("sum(" + shorter + ")").fused()).isNotNull();
        assertThat(value("sum(" + shorter + ")", x, x)).isCloseTo(28 * 211, within(1e-9 * 28 * 211));
    }

    @ParameterizedTest(name = "generated loop: {0}")
    @ValueSource(booleans = {true, false})
    void aSumOfProductsHasTheSameBitsAsTheSumOfTheProducts(boolean fused) {
        engine = fused;
        double[] x = new double[LONG];
        double[] y = new double[LONG];
        double[] products = new double[LONG];
        double[] squares = new double[LONG];
        for (int i = 0; i < LONG; i++) {
            x[i] = Math.sin(i) * 1e3;
            y[i] = Math.cos(i * 0.7) / 3;
            products[i] = x[i] * y[i];
            squares[i] = (x[i] - y[i]) * (x[i] - y[i]);
        }
        assertThat(value("sum(x * y)", x, y)).isEqualTo(value("sum(x)", products, y))
                .isEqualTo(value("dot(x, y)", x, y));
        assertThat(value("sum((x - y) * (x - y))", x, y)).isEqualTo(value("sum(x)", squares, y));
        assertThat(value("norm2(x - y)", x, y)).isEqualTo(Math.sqrt(value("sum(x)", squares, y)));
        assertThat(value("sum(x * 2) + sum(2 * y)", x, y)).isEqualTo(value("sum(x + x) + sum(y + y)", x, y));
    }

    private double value(String expr, double[] x, double[] y) {
        Program program = ExprCompiler.compile(expr);
        double[][] inputs = new double[program.operands.size()][];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = program.operands.get(k).equals("x") ? x : y;
        }
        try (Program.Frame frame = program.frame()) {
            if (engine) {
                assertThat(program.fused()).as("the generated loop of %s", expr).isNotNull();
                program.run(frame, inputs, null, x.length);
            } else {
                program.runBlocks(frame, inputs, null, x.length);
            }
            return program.value(frame.partial(1).acc(), x.length);
        }
    }
}
