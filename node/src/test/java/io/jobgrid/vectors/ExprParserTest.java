package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expression language without a cluster: the parser's trees, precedence, errors, and the compiled loops. */
class ExprParserTest {

    @Test
    void multiplicationBindsTighterThanAdditionAndBothAreLeftAssociative() {
        Expr.Statement s = ExprParser.parse("a + b * c - d / e");

        assertThat(s.target()).isNull();
        assertThat(s.expr()).isEqualTo(new Expr.Binary("-",
                new Expr.Binary("+", ref("a", 1), new Expr.Binary("*", ref("b", 5), ref("c", 9), 7), 3),
                new Expr.Binary("/", ref("d", 13), ref("e", 17), 15), 11));
    }

    @Test
    void unaryMinusBindsTighterThanMultiplicationAndComparisonsLooserThanAddition() {
        assertThat(ExprParser.parse("-a * b").expr()).isEqualTo(
                new Expr.Binary("*", new Expr.Neg(ref("a", 2), 1), ref("b", 6), 4));
        assertThat(ExprParser.parse("a < b + 1").expr()).isEqualTo(
                new Expr.Binary("<", ref("a", 1), new Expr.Binary("+", ref("b", 5), new Expr.Num(1, 9), 7), 3));
    }

    @Test
    void assignmentQuotedNamesFunctionsAndNumbersParse() {
        Expr.Statement s = ExprParser.parse("  c2 = where(\"my-v\" >= .5, max(x, 1e-3), -2.5E2)");

        assertThat(s.target()).isEqualTo("c2");
        assertThat(s.targetColumn()).isEqualTo(3);
        assertThat(s.expr()).isEqualTo(new Expr.Call("where", List.of(
                new Expr.Binary(">=", ref("my-v", 14), new Expr.Num(0.5, 24), 21),
                new Expr.Call("max", List.of(ref("x", 32), new Expr.Num(1e-3, 35)), 28),
                new Expr.Neg(new Expr.Num(250, 43), 42)), 8));
        assertThat(ExprParser.parse("a == b").target()).as("== is a comparison, not an assignment").isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2 + 3 * 4               | 14",
        "(2 + 3) * 4             | 20",
        "10 - 4 - 3              | 3",
        "24 / 4 / 2              | 3",
        "-2 * -3                 | 6",
        "- - 2                   | 2",
        "2 * 3 < 7               | 1",
        "1 + 1 == 2              | 1",
        "3 != 3                  | 0",
        "max(2, 3) - min(2, 3)   | 1",
        "where(0, 1, 2) + abs(-4) | 6",
        "sqrt(16) + exp(0) + log(1) | 5",
    })
    void valuesOfNumbersFollowThePrecedence(String expression, double expected) {
        Program program = ExprCompiler.compile(expression);

        assertThat(program.value(new double[0], 0)).isEqualTo(expected);
    }

    @Test
    void aFusedProgramEvaluatesAChunkInBlocksWithoutTemporaryVectors() {
        Program program = ExprCompiler.compile("c = (a - b) * (a - b) + where(a > 2, 1, -1)");
        int n = Program.BLOCK * 2 + 17;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.01;
            b[i] = Math.sin(i);
        }
        double[] out = new double[n];

        program.run(program.frame(), new double[][] {a, b}, out, n);

        assertThat(program.operands).containsExactly("a", "b");
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isEqualTo((a[i] - b[i]) * (a[i] - b[i]) + (a[i] > 2 ? 1 : -1));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a + * b              | 5  | expected a number, a vector or '(', but found '*'",
        "a + b)               | 6  | expected an operator or the end of the expression, but found ')'",
        "sum(a                | 6  | expected ')', but the expression ended",
        "a +                  | 4  | expected a number, a vector or '(', but the expression ended",
        "a < b < c            | 7  | comparisons do not chain",
        "foo(a)               | 1  | unknown function foo",
        "abs(a, b)            | 1  | abs takes 1 argument, but was given 2",
        "min(a, b, c)         | 1  | min takes 1 argument (a reduction) or 2 (elementwise), but was given 3",
        "sum(a) + a           | 10 | vector a is not a value",
        "c = a - mean(a)      | 9  | the reduction mean(...) gives a value",
        "c = 1 + 2            | 5  | assigning a number needs a vector",
        "sum(2)               | 5  | sum needs a vector here",
        "a = \"b              | 5  | the quoted vector name is not closed",
        "a $ b                | 3  | found '$'",
        "1.2.3                | 1  | '1.2.3' is not a number",
    })
    void errorsNameTheColumn(String expression, int column, String message) {
        assertThatThrownBy(() -> ExprCompiler.compile(expression))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column " + column + " of '" + expression + "'")
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("expr");
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThatThrownBy(() -> ExprCompiler.compile(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expr must be an expression").hasMessageContaining("but was empty");
    }

    private static Expr.Ref ref(String name, int column) {
        return new Expr.Ref(name, column);
    }
}
