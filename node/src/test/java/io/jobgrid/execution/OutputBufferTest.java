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
}
