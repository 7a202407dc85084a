package io.jobgrid.shell.command;

import io.jobgrid.client.DagView.Job;
import io.jobgrid.client.DagView;
import io.jobgrid.shell.render.Style;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a DAG is drawn: a diamond without repeating its lower half, columns aligned, lines fitted to the width. */
class DagDrawingTest {
    private static final DagView DIAMOND = new DagView("00000000000B2", false, List.of(
            new Job("00000000000A1", "fetch", "SUCCEEDED", "node-1", 0, null, List.of(),
                    List.of("00000000000B2", "00000000000C3")),
            new Job("00000000000B2", "left", "FAILED", "node-2", 3, "exit code 3 after a very long and winding error",
                    List.of("00000000000A1"), List.of("00000000000D4")),
            new Job("00000000000C3", "right", "RUNNING", "node-1", null, null, List.of("00000000000A1"),
                    List.of("00000000000D4")),
            new Job("00000000000D4", "report", "WAITING", null, null, null,
                    List.of("00000000000B2", "00000000000C3"), List.of())));

    @Test
    void drawsADiamondOnceWithAReferenceUnderTheSecondParent() {
        List<String> lines = DagDrawing.lines(DIAMOND, Style.PLAIN, 0);

        assertThat(lines).containsExactly(
                "fetch         00000000000A1  SUCCEEDED  node-1  exit 0",
                "├─ left       00000000000B2  FAILED     node-2  exit 3  exit code 3 after a very long and winding error",
                "│  └─ report  00000000000D4  WAITING",
                "└─ right      00000000000C3  RUNNING    node-1",
                "   └─ report  00000000000D4  ↑ above");
        assertThat(DagDrawing.summary(DIAMOND, Style.PLAIN))
                .isEqualTo("4 jobs: 1 SUCCEEDED, 1 RUNNING, 1 WAITING, 1 FAILED");
    }

    @Test
    void cutsTheDetailToTheWidthButNeverTheIdOrState() {
        List<String> lines = DagDrawing.lines(DIAMOND, Style.ANSI, 60);

        assertThat(lines).allSatisfy(l -> assertThat(Style.width(l)).isLessThanOrEqualTo(60));
        assertThat(Style.strip(lines.get(1))).startsWith("├─ left       00000000000B2  FAILED     node-2").endsWith("…");
        assertThat(lines.get(1)).contains("\u001B[31mFAILED");
    }

    @Test
    void cuttingStyledTextKeepsItsEscapesAndResetsThem() {
        String styled = Style.ANSI.green("SUCCEEDED") + " and more";

        String cut = Style.cut(styled, 6);

        assertThat(Style.strip(cut)).isEqualTo("SUCCE…");
        assertThat(cut).startsWith("\u001B[32m").endsWith("\u001B[0m");
        assertThat(Style.cut(styled, 40)).isSameAs(styled);
    }
}
