package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.VectorEval;
import io.jobgrid.api.VectorInfo;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Vectors#eval} against plain loops over local arrays, on sizes that are empty, one
 * element, a few chunks (sent to the members directly) and many chunks with a ragged last one (a
 * Jet job). Run on 1 and on 3 members. The operands cover negatives, zero, NaN and infinities
 * ({@code a} is a range through 0, {@code z = a / a} has a NaN where a is 0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VectorExpressionsContract {
    private static final long[] SIZES = {0, 1, 2_500, 10_001};
    private VectorCluster cluster;
    private Vectors vectors;

    abstract int members();

    @BeforeAll
    void startCluster() {
        cluster = new VectorCluster(members());
        vectors = cluster.vectors(members() - 1);
        for (long size : SIZES) {
            vectors.create("a" + size, size, VectorInit.range(-(size / 2.0), 1));
            vectors.create("b" + size, size, VectorInit.random(11));
            vectors.create("r" + size, size, VectorInit.random(12));
        }
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    /** a: a range through 0 (so a / 0 gives infinities and 0 / 0 NaN), b: uniform in [0, 1). */
    private static double[] a(long size) {
        return Reference.of(size, VectorInit.range(-(size / 2.0), 1));
    }

    private static double[] b(long size) {
        return Reference.of(size, VectorInit.random(11));
    }

    private static Map<String, DoubleBinaryOperator> elementwise() {
        Map<String, DoubleBinaryOperator> cases = new LinkedHashMap<>();
        cases.put("A + B", Double::sum);
        cases.put("A - B * 2", (x, y) -> x - y * 2);
        cases.put("A * B - -A", (x, y) -> x * y - -x);
        cases.put("(A + 1) / (B - 0.5)", (x, y) -> (x + 1) / (y - 0.5));
        cases.put("A / A", (x, y) -> x / x);
        cases.put("1 / A", (x, y) -> 1 / x);
        cases.put("-A", (x, y) -> -x);
        cases.put("abs(A) + sqrt(B)", (x, y) -> Math.abs(x) + Math.sqrt(y));
        cases.put("exp(B) * log(A)", (x, y) -> Math.exp(y) * Math.log(x));
        cases.put("sqrt(A)", (x, y) -> Math.sqrt(x));
        cases.put("exp(A)", (x, y) -> Math.exp(x));
        cases.put("min(A, B) + max(A, 0.25)", (x, y) -> Math.min(x, y) + Math.max(x, 0.25));
        cases.put("min(A / A, B)", (x, y) -> Math.min(x / x, y));
        cases.put("A < B", (x, y) -> x < y ? 1 : 0);
        cases.put("A <= 0", (x, y) -> x <= 0 ? 1 : 0);
        cases.put("A > B", (x, y) -> x > y ? 1 : 0);
        cases.put("A >= 1", (x, y) -> x >= 1 ? 1 : 0);
        cases.put("A == 0", (x, y) -> x == 0 ? 1 : 0);
        cases.put("A / A != A / A", (x, y) -> x / x != x / x ? 1 : 0);
        cases.put("where(B > 0.5, A, -B)", (x, y) -> y > 0.5 ? x : -y);
        cases.put("where(A / A, 7, 8)", (x, y) -> x / x != 0 && !Double.isNaN(x / x) ? 7 : 8);
        cases.put("2 * 3 + A - (1 + 1) * 3", (x, y) -> 6 + x - 6);
        return cases;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_500, 10_001})
    void everyElementwiseOperatorAssignedToANewVectorMatchesTheReference(long size) {
        double[] ra = a(size);
        double[] rb = b(size);
        int n = 0;
        for (Map.Entry<String, DoubleBinaryOperator> c : elementwise().entrySet()) {
            String target = "new" + size + "_" + n++;
            String expr = target + " = " + c.getKey().replace("A", "a" + size).replace("B", "b" + size);

            VectorEval answer = vectors.eval(expr);

            double[] expected = new double[(int) size];
            for (int i = 0; i < size; i++) {
                expected[i] = c.getValue().applyAsDouble(ra[i], rb[i]);
            }
            assertThat(answer).as(expr).isEqualTo(VectorEval.ofVector(target, size));
            assertThat(vectors.info(target)).as(expr).extracting(VectorInfo::version, VectorInfo::state)
                    .containsExactly(0L, "ready");
            assertSameValues(expr, vectors.slice(target, 0, size), expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2_500, 10_001})
    void everyReductionMatchesTheReference(long size) {
        double[] ra = a(size);
        double[] rb = b(size);
        double[] diff2 = new double[(int) size];
        double sumA = 0;
        double dot = 0;
        double count = 0;
        for (int i = 0; i < size; i++) {
            diff2[i] = (ra[i] - rb[i]) * (ra[i] - rb[i]);
            sumA += ra[i];
            dot += ra[i] * rb[i];
            count += ra[i] > rb[i] ? 1 : 0;
        }
        String a = "a" + size;
        String b = "b" + size;
        double tolerance = 1e-9 * Math.max(1, size * (double) size);

        assertThat(vectors.eval("sum((" + a + " - " + b + ") * (" + a + " - " + b + "))").value())
                .isCloseTo(Reference.sum(diff2), within(tolerance * size));
        assertThat(vectors.eval("sum(" + a + ")").value()).isCloseTo(sumA, within(tolerance));
        assertThat(vectors.eval("dot(" + a + ", " + b + ")").value()).isCloseTo(dot, within(tolerance));
        assertThat(vectors.eval("norm2(" + b + ")").value()).isCloseTo(Math.sqrt(Reference.dot(rb, rb)), within(tolerance));
        assertThat(vectors.eval("count(" + a + " > " + b + ")").value()).isEqualTo(count);
        assertThat(vectors.eval("count(" + a + " > " + b + ") + 0.5").value()).isEqualTo(count + 0.5);
        if (size == 0) {
            for (String f : new String[] {"min", "max", "mean"}) {
                assertThatThrownBy(() -> vectors.eval(f + "(" + a + ")")).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(f + " of an empty vector (size 0) has no value");
            }
            return;
        }
        assertThat(vectors.eval("min(" + a + " * " + b + ")").value())
                .isEqualTo(minOf(ra, rb, (x, y) -> x * y));
        assertThat(vectors.eval("max(abs(" + a + ")) - min(" + b + ")").value())
                .isEqualTo(Arrays.stream(ra).map(Math::abs).max().orElseThrow() - Arrays.stream(rb).min().orElseThrow());
        assertThat(vectors.eval("mean(" + a + ")").value()).isCloseTo(sumA / size, within(tolerance));
    }

    @Test
    void nanAndInfinitiesPropagateThroughReductionsAndMasksCountThem() {
        vectors.eval("z = a10001 + 0.5");
        String a = "z";
        double[] ra = a(10_001);

        assertThat(Arrays.stream(ra).filter(x -> x + 0.5 == 0).count()).isEqualTo(1);
        assertThat(vectors.eval("sum(" + a + " / " + a + ")").value()).isNaN();
        assertThat(vectors.eval("min(" + a + " / " + a + ")").value()).isNaN();
        assertThat(vectors.eval("max(" + a + " / " + a + ")").value()).isNaN();
        assertThat(vectors.eval("max(1 / abs(" + a + "))").value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(vectors.eval("min(-1 / abs(" + a + "))").value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(vectors.eval("sum(1 / abs(" + a + ")) - sum(1 / abs(" + a + "))").value()).isNaN();
        assertThat(vectors.eval("count(" + a + " / " + a + " != " + a + " / " + a + ")").value()).isEqualTo(1);
        assertThat(vectors.eval("count(" + a + " / " + a + ")").value()).isEqualTo(10_000);
        assertThat(vectors.eval("count(" + a + " / " + a + " > 0)").value()).isEqualTo(10_000);
        assertThat(vectors.eval("sum(where(" + a + " / " + a + " == 1, " + a + " / " + a + ", 0))").value())
                .isEqualTo(10_000);
        assertThat(vectors.eval("sum(exp(" + a + ") * 0)").value()).isNaN();
        assertThat(vectors.eval("norm2(where(" + a + " == 0, 3, 0))").value()).isEqualTo(3);
    }

    @Test
    void assignmentInPlaceUpdatesTheVectorOnceAndBumpsItsVersion() {
        vectors.create("inplace", 10_001, VectorInit.range(0, 1));
        double[] expected = Reference.of(10_001, VectorInit.range(0, 1));
        double[] rb = b(10_001);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = expected[i] * 2 + rb[i];
            expected[i] = Math.sqrt(expected[i]) - expected[i] / 3;
        }

        VectorEval first = vectors.eval("inplace = inplace * 2 + b10001");
        vectors.eval("inplace = sqrt(inplace) - inplace / 3");

        assertThat(first).isEqualTo(VectorEval.ofVector("inplace", 10_001));
        assertThat(vectors.info("inplace")).extracting(VectorInfo::version, VectorInfo::state).containsExactly(2L, "ready");
        assertSameValues("inplace", vectors.slice("inplace", 0, 10_001), expected);
        assertThat(vectors.eval("sum(r2500)").value()).isEqualTo(vectors.sum("r2500"));
    }

    @Test
    void assignmentOverwritesAnExistingVectorFromOthersAndCopies() {
        vectors.eval("copy = b2500");
        vectors.eval("copy = r2500 - copy");

        double[] rb = b(2_500);
        double[] rr = Reference.of(2_500, VectorInit.random(12));
        double[] expected = new double[2_500];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = rr[i] - rb[i];
        }
        assertSameValues("copy", vectors.slice("copy", 0, 2_500), expected);
        assertThat(vectors.info("copy").version()).isEqualTo(1);
    }

    @Test
    void errorsNameTheColumnTheUnknownVectorAndBothSizes() {
        assertThatThrownBy(() -> vectors.eval("sum(a2500 + * b2500)")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 13").hasMessageContaining("found '*'");
        assertThatThrownBy(() -> vectors.eval("sum(a2500 * nosuch)")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 13").hasMessageContaining("vector nosuch does not exist");
        assertThatThrownBy(() -> vectors.eval("c = a2500 + b10001")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a2500 (size 2500)").hasMessageContaining("b10001 (size 10001)");
        assertThatThrownBy(() -> vectors.eval("a1 = a2500 * 2")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("vector a1 has size 1").hasMessageContaining("size 2500");
        assertThatThrownBy(() -> vectors.eval("a2500 - sum(a2500)")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 1").hasMessageContaining("vector a2500 is not a value");
        assertThatThrownBy(() -> vectors.eval("c = a2500 - sum(a2500)")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 13").hasMessageContaining("the reduction sum");
        assertThatThrownBy(() -> vectors.info("c")).isInstanceOf(NotFoundException.class);
        assertThat(vectors.list()).extracting(VectorInfo::name).doesNotContain("c");
    }

    private static double minOf(double[] x, double[] y, DoubleBinaryOperator f) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            m = Math.min(m, f.applyAsDouble(x[i], y[i]));
        }
        return m;
    }

    /** Element by element, NaN equal to NaN: the fused loops do the same IEEE operations as the reference. */
    static void assertSameValues(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((Object) actual[i]).as(what + " at " + i).isEqualTo(expected[i]);
        }
    }
}
