package io.jobgrid.shell.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private Table jobs() {
        return new Table().column("ID").column("STATE").numeric("EXIT").flexible("COMMAND")
                .row("0HBXQ4K7M2N9P", "SUCCEEDED", 0, "echo a rather long command line that will not fit")
                .row("0HBXQ4K7M2NA0", "RUNNING", "-", "sleep 5");
    }

    @Test
    void alignsColumnsTwoSpacesApartWithNumbersOnTheRight() {
        List<String> lines = jobs().render(0, Style.PLAIN);

        assertThat(lines).containsExactly(
                "ID             STATE      EXIT  COMMAND",
                "0HBXQ4K7M2N9P  SUCCEEDED     0  echo a rather long command line that will not fit",
                "0HBXQ4K7M2NA0  RUNNING       -  sleep 5");
    }

    @Test
    void shrinksTheFlexibleColumnFirstToFitTheWidth() {
        List<String> lines = jobs().render(50, Style.PLAIN);

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
        assertThat(lines.get(1)).startsWith("0HBXQ4K7M2N9P  SUCCEEDED     0  echo a").endsWith("…");
        assertThat(lines.get(2)).endsWith("sleep 5");
    }

    @Test
    void cutsShrinkableColumnsOnlyWhenTheFlexibleOnesCannotGiveMoreAndNeverAnId() {
        Table t = new Table().column("ID").shrinkable("NAME").flexible("COMMAND")
                .row("0HBXQ4K7M2N9P", "a-rather-long-name", "make all")
                .row("0HBXQ4K7M2NA0", "short", "sleep 5");

        List<String> lines = t.render(30, Style.PLAIN);

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30));
        assertThat(lines.get(1)).isEqualTo("0HBXQ4K7M2N9P  a-rat…  make a…");
        assertThat(lines.get(2)).startsWith("0HBXQ4K7M2NA0  short");
    }

    @Test
    void letsLinesWrapRatherThanCutAnId() {
        List<String> lines = jobs().render(10, Style.PLAIN);

        assertThat(lines.get(1)).startsWith("0HBXQ4K7M2N9P  SUCCEEDED");
    }

    @Test
    void coloursDoNotCountTowardsTheWidth() {
        Table t = new Table().column("STATE").column("NODE")
                .row(new Table.Cell("FAILED", Style.ANSI::state), "n1")
                .row(new Table.Cell("SUCCEEDED", Style.ANSI::state), "n2");

        List<String> lines = t.render(0, Style.ANSI);

        assertThat(lines.get(1)).contains("\u001B[31mFAILED\u001B[0m");
        assertThat(Style.strip(lines.get(1))).isEqualTo("FAILED     n1");
        assertThat(Style.strip(lines.get(2))).isEqualTo("SUCCEEDED  n2");
    }

    @Test
    void plainStyleWritesNoEscapeCodes() {
        String line = String.join("\n", jobs().render(0, Style.PLAIN));

        assertThat(line).doesNotContain("\u001B");
    }

    @Test
    void newlinesInACellDoNotBreakTheRow() {
        List<String> lines = new Table().column("A").column("B").row("x\ny", "z").render(0, Style.PLAIN);

        assertThat(lines).containsExactly("A    B", "x y  z");
    }

    @Test
    void refusesARowWithTheWrongNumberOfValues() {
        Table t = new Table().column("A").column("B");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.row("only one"))
                .hasMessageContaining("needs 2 values, but had 1");
    }
}
