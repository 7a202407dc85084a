package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The {@code vector ...} commands, non-interactively, against a real node's Jet-backed vectors. */
class VectorCommandsTest extends ConsoleAgainstSharedNode {
    private static final ObjectMapper JSON = Json.mapper();
    private static String name() {
        return "v" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The output of a command that must exit 0, stripped. */
    private static String text(String... argv) {
        return ok(argv).out().strip();
    }

    @Test
    void createUpdateAndReduceGiveTheLocalReferenceValues() throws Exception {
        String v = name();
        String w = name();

        String created = text("vector", "create", v, "--size", "10k", "--fill", "1.5");
        text("vector", "create", w, "--size", "10_000", "--range", "0,2");
        text("vector", "add", v, "2");
        text("vector", "scale", v, "-2");
        text("vector", "axpy", v, "0.5", w);
        String mul = text("vector", "mul", w, w, "--output", "json");

        // v[i] = (1.5 + 2) * -2 + 0.5 * 2i = i - 7;  w[i] = (2i)^2
        assertThat(created).isEqualTo(v + ": 10,000 elements in " + JSON.readTree(text("vector", "info", v, "--output",
                "json")).get("chunks").asInt() + " chunks, version 0, ready");
        assertThat(Double.parseDouble(text("vector", "sum", v))).isCloseTo(49_995_000 - 70_000, within(1e-6));
        assertThat(text("vector", "min", v)).isEqualTo("-7");
        assertThat(text("vector", "max", v)).isEqualTo("9992");
        assertThat(Double.parseDouble(text("vector", "dot", v, v))).isCloseTo(reference(), within(1e-3));
        assertThat(Double.parseDouble(text("vector", "norm2", v))).isCloseTo(Math.sqrt(reference()), within(1e-6));
        assertThat(text("vector", "slice", v, "0", "3")).isEqualTo("-7\n-6\n-5");
        assertThat(text("vector", "slice", w)).startsWith("0\n4\n16\n36").hasLineCount(10);
        assertThat(JSON.readTree(mul).get("version").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(text("vector", "sum", w, "--output", "json")).get("value").asDouble()).isPositive();
    }

    private static double reference() {
        double dot = 0;
        for (int i = 0; i < 10_000; i++) {
            dot += (i - 7.0) * (i - 7.0);
        }
        return dot;
    }

    @Test
    void listShowsTheVectorAndDeleteRemovesIt() throws Exception {
        String v = name();
        text("vector", "create", v, "--size", "100", "--random", "42");

        String table = text("vector", "list");
        JsonNode listed = JSON.readTree(text("vector", "list", "--output", "json"));
        String deleted = text("vector", "delete", v);
        Result gone = console.run("vector", "info", v);

        assertThat(table.lines().findFirst().orElse("")).startsWith("NAME").contains("SIZE").contains("STATE");
        assertThat(table).containsPattern("(?m)^" + v + " +100 ");
        assertThat(listed.findValuesAsText("name")).contains(v);
        assertThat(deleted).isEqualTo("Deleted vector " + v);
        assertThat(gone.code()).isEqualTo(ShellException.NOT_FOUND);
        assertThat(gone.err()).contains(v);
    }

    @Test
    void badInputIsAUsageErrorAndTheNodesRefusalsKeepTheirReason() {
        String v = name();
        String w = name();
        text("vector", "create", v, "--size", "10");
        text("vector", "create", w, "--size", "20");

        Result noSize = console.run("vector", "create", name());
        Result badSize = console.run("vector", "create", name(), "--size", "ten");
        Result twoInits = console.run("vector", "create", name(), "--size", "5", "--fill", "1", "--random", "2");
        Result badScalar = console.run("vector", "add", v, "NaN");
        Result noName = console.run("vector", "sum");
        Result unknown = console.run("vector", "sum", name());
        Result mismatch = console.run("vector", "axpy", v, "2", w);
        Result exists = console.run("vector", "create", v, "--size", "10");

        assertThat(noSize.code()).isEqualTo(ShellException.USAGE);
        assertThat(noSize.err()).contains("needs --size N");
        assertThat(badSize.err()).contains("--size must be a whole number of elements").contains("but was 'ten'");
        assertThat(twoInits.err()).contains("at most one of --fill, --range and --random");
        assertThat(badScalar.code()).isEqualTo(ShellException.USAGE);
        assertThat(badScalar.err()).contains("must be a finite number, but was 'NaN'");
        assertThat(noName.err()).contains("'vector sum' needs a vector name");
        assertThat(unknown.code()).isEqualTo(ShellException.NOT_FOUND);
        assertThat(mismatch.code()).isEqualTo(ShellException.FAILED);
        assertThat(mismatch.err()).contains("10").contains("20").doesNotContain("\tat ");
        assertThat(exists.code()).isEqualTo(ShellException.FAILED);
        assertThat(exists.err()).contains(v);
    }

    @Test
    void evalPrintsAValueOrTheAssignedVectorAndBadExpressionsKeepTheNodesReason() throws Exception {
        String a = name();
        String b = name();
        String c = name();
        text("vector", "create", a, "--size", "3k", "--range", "0,1");
        text("vector", "create", b, "--size", "3k", "--fill", "2");
        text("vector", "create", "short" + a, "--size", "10");

        String value = text("vector", "eval", "sum((" + a + " - " + b + ") * (" + a + " - " + b + "))");
        String split = text("vector", "eval", "count(" + a + " <", "10)");
        String assigned = text("vector", "eval", c + " = where(" + a + " > 1, " + a + ", 0) * 2 + " + b);
        JsonNode json = JSON.readTree(text("vector", "eval", "max(" + c + ")", "--output", "json"));
        Result parse = console.run("vector", "eval", "sum(" + a + " +)");
        Result unknown = console.run("vector", "eval", "sum(nosuch)");
        Result sizes = console.run("vector", "eval", "dot(" + a + ", short" + a + ")");
        Result empty = console.run("vector", "eval");

        double expected = 0;
        for (int i = 0; i < 3_000; i++) {
            expected += (i - 2.0) * (i - 2.0);
        }
        assertThat(Double.parseDouble(value)).isEqualTo(expected);
        assertThat(split).isEqualTo("10");
        assertThat(assigned).isEqualTo(c + ": 3,000 elements in " + JSON.readTree(text("vector", "info", c, "--output",
                "json")).get("chunks").asInt() + " chunks, version 0, ready");
        assertThat(json.get("value").asDouble()).isEqualTo(2 * 2_999 + 2);
        assertThat(parse.code()).isEqualTo(ShellException.FAILED);
        assertThat(parse.err()).contains("column " + (a.length() + 7)).doesNotContain("\tat ");
        assertThat(unknown.err()).contains("vector nosuch does not exist");
        assertThat(sizes.err()).contains(a + " (size 3000)").contains("short" + a + " (size 10)");
        assertThat(empty.code()).isEqualTo(ShellException.USAGE);
        assertThat(empty.err()).contains("'vector eval' needs an expression");
    }

    @Test
    void sizesAndValuesReadAndPrintAsPeopleWriteThem() {
        assertThat(VectorSupport.size("1_000_000")).isEqualTo(1_000_000);
        assertThat(VectorSupport.size("1e6")).isEqualTo(1_000_000);
        assertThat(VectorSupport.size("10M")).isEqualTo(10_000_000);
        assertThat(VectorSupport.size("1.5k")).isEqualTo(1_500);
        assertThat(VectorSupport.plain(JSON.getNodeFactory().numberNode(3.5e7))).isEqualTo("35000000");
        assertThat(VectorSupport.plain(JSON.getNodeFactory().numberNode(0.25))).isEqualTo("0.25");
        assertThat(VectorSupport.plain(JSON.getNodeFactory().textNode("NaN"))).isEqualTo("NaN");
    }
}
