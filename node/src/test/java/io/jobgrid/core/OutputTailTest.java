package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTailTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static JobLog log(OutputTail tail, long from) {
        return new JobLog(JobId.of(1), 1, Math.max(from, tail.start()), tail.end(), tail.from(from), tail.complete(),
                tail.stderrFrom(from));
    }

    @Test
    void keepsStderrMarkedAcrossAppendsAndMergesSpansThatMeet() {
        OutputTail tail = OutputTail.EMPTY
                .append(0, bytes("out1\nerr1\n"), new long[] {5, 10}, false, 100)
                .append(10, bytes("err2\nout2\n"), new long[] {10, 15}, true, 100);

        assertThat(tail.stderr()).containsExactly(5, 15);
        assertThat(log(tail, 0).text()).isEqualTo("out1\nerr1\nerr2\nout2\n");
        assertThat(log(tail, 0).only(JobLog.Stream.STDOUT).text()).isEqualTo("out1\nout2\n");
        assertThat(log(tail, 0).only(JobLog.Stream.STDERR).text()).isEqualTo("err1\nerr2\n");
        assertThat(log(tail, 7).only(JobLog.Stream.STDERR).text()).isEqualTo("r1\nerr2\n");
        assertThat(log(tail, 7).only(JobLog.Stream.STDERR).end()).isEqualTo(20);
    }

    @Test
    void aRepeatedAppendLeavesTheSpansAlone() {
        OutputTail once = OutputTail.EMPTY.append(0, bytes("e\n"), new long[] {0, 2}, false, 100);

        OutputTail twice = once.append(0, bytes("e\n"), new long[] {0, 2}, false, 100);

        assertThat(twice).isSameAs(once);
        assertThat(twice.stderr()).containsExactly(0, 2);
    }

    @Test
    void dropsTheSpansOfDroppedBytesAndCutsTheOneStraddlingTheCut() {
        OutputTail tail = OutputTail.EMPTY
                .append(0, bytes("EEooEEoo"), new long[] {0, 2, 4, 6}, false, 5);

        assertThat(tail.start()).isEqualTo(3);
        assertThat(tail.stderr()).containsExactly(4, 6);
        assertThat(log(tail, 0).only(JobLog.Stream.STDERR).text()).isEqualTo("EE");
        assertThat(log(tail, 0).only(JobLog.Stream.STDOUT).text()).isEqualTo("ooo");
        assertThat(tail.append(8, bytes("E"), new long[] {8, 9}, false, 2).stderr()).containsExactly(8, 9);
    }

    @Test
    void aGapRestartsTheSpansWithTheChunk() {
        OutputTail tail = OutputTail.EMPTY.append(0, bytes("EE"), new long[] {0, 2}, false, 100)
                .append(10, bytes("oE"), new long[] {11, 12}, false, 100);

        assertThat(tail.start()).isEqualTo(10);
        assertThat(tail.stderr()).containsExactly(11, 12);
    }

    @Test
    void anUnmarkedTailIsAllStdout() {
        OutputTail old = new OutputTail(0, 4, bytes("old\n"), true);

        assertThat(log(old, 0).only(JobLog.Stream.STDOUT).text()).isEqualTo("old\n");
        assertThat(log(old, 0).only(JobLog.Stream.STDERR).text()).isEmpty();
        assertThat(log(old, 0).only(null).text()).isEqualTo("old\n");
    }
}
