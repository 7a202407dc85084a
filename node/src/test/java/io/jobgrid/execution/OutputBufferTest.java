package io.jobgrid.execution;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutputBufferTest {
    private static void write(OutputBuffer buffer, String s, boolean stderr) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        buffer.write(b, 0, b.length, stderr);
    }

    @Test
    void marksStderrBytesInTheOrderTheyWereWritten() {
        OutputBuffer buffer = new OutputBuffer(100);
        write(buffer, "out\n", false);
        write(buffer, "err\n", true);
        write(buffer, "more\n", true);
        write(buffer, "done\n", false);

        OutputBuffer.Chunk chunk = buffer.take();

        assertThat(new String(chunk.bytes(), StandardCharsets.US_ASCII)).isEqualTo("out\nerr\nmore\ndone\n");
        assertThat(chunk.stderr()).containsExactly(4, 13);
        write(buffer, "x", true);
        assertThat(buffer.take()).isEqualTo(new OutputBuffer.Chunk(18, new byte[] {'x'}, new long[] {18, 19}));
    }

    @Test
    void spansOfOverwrittenBytesGoWithThem() {
        OutputBuffer buffer = new OutputBuffer(4);
        write(buffer, "EE", true);
        write(buffer, "oooo", false);
        write(buffer, "E", true);

        OutputBuffer.Chunk chunk = buffer.take();

        assertThat(chunk.offset()).isEqualTo(3);
        assertThat(new String(chunk.bytes(), StandardCharsets.US_ASCII)).isEqualTo("oooE");
        assertThat(chunk.stderr()).containsExactly(6, 7);
    }

    @Test
    void keepsEveryByteAsTheRingGrowsAndTheNewestOnceItIsFull() {
        int capacity = 20_000; // grows 4096, 8192, 16384, then 20000, and wraps only then
        OutputBuffer buffer = new OutputBuffer(capacity);
        StringBuilder all = new StringBuilder();
        for (int i = 0; all.length() < 15_000; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            write(buffer, line, i % 7 == 0);
        }
        OutputBuffer.Chunk first = buffer.take();
        assertThat(first.offset()).isZero();
        assertThat(new String(first.bytes(), StandardCharsets.US_ASCII)).isEqualTo(all.toString());

        StringBuilder more = new StringBuilder();
        for (int i = 0; more.length() < 30_000; i++) {
            String line = "more " + i + "\n";
            more.append(line);
            write(buffer, line, false);
        }
        OutputBuffer.Chunk second = buffer.take();
        long end = all.length() + more.length();
        assertThat(second.offset()).isEqualTo(end - capacity); // the oldest unflushed bytes were dropped
        assertThat(new String(second.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo(more.substring(more.length() - capacity));
    }

    @Test
    void oneWriteLargerThanTheCapacityKeepsItsNewestBytes() {
        OutputBuffer buffer = new OutputBuffer(10_000);
        byte[] big = new byte[25_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        buffer.write(big, 0, big.length, false);

        OutputBuffer.Chunk chunk = buffer.take();

        assertThat(chunk.offset()).isEqualTo(15_000);
        assertThat(chunk.bytes()).isEqualTo(java.util.Arrays.copyOfRange(big, 15_000, 25_000));
    }

    @Test
    void aCapacityBelowOneIsRefusedNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutputBuffer(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
