package io.jobgrid.core.memory;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryLogStoreTest {
    private static final JobId JOB = JobId.of(1);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void writesEachByteOnceWhenAnAppendIsRepeated() {
        MemoryLogStore logs = new MemoryLogStore(100);

        logs.append(JOB, 1, 0, bytes("hello "), false);
        logs.append(JOB, 1, 0, bytes("hello "), false);
        logs.append(JOB, 1, 6, bytes("world"), false);
        logs.append(JOB, 1, 6, bytes("world"), true);
        JobLog log = logs.read(JOB, 1, 0);

        assertThat(log.text()).isEqualTo("hello world");
        assertThat(log.end()).isEqualTo(11);
        assertThat(log.complete()).isTrue();
    }

    @Test
    void restartsTheTailAfterAGap() {
        MemoryLogStore logs = new MemoryLogStore(100);

        logs.append(JOB, 1, 0, bytes("abc"), false);
        logs.append(JOB, 1, 10, bytes("xyz"), false);
        JobLog log = logs.read(JOB, 1, 0);

        assertThat(log.start()).isEqualTo(10);
        assertThat(log.end()).isEqualTo(13);
        assertThat(log.text()).isEqualTo("xyz");
    }

    @Test
    void dropsTheOldestBytesPastTheCap() {
        MemoryLogStore logs = new MemoryLogStore(4);

        logs.append(JOB, 1, 0, bytes("abc"), false);
        logs.append(JOB, 1, 3, bytes("defg"), true);
        JobLog all = logs.read(JOB, 1, 0);
        JobLog later = logs.read(JOB, 1, 5);

        assertThat(all.start()).isEqualTo(3);
        assertThat(all.end()).isEqualTo(7);
        assertThat(all.text()).isEqualTo("defg");
        assertThat(new String(all.bytesFrom(0), StandardCharsets.US_ASCII)).startsWith("[jobgrid] 3 bytes");
        assertThat(later.text()).isEqualTo("fg");
    }

    @Test
    void keepsEachAttemptApartAndAnswersNothingForOneNeverWritten() {
        MemoryLogStore logs = new MemoryLogStore(100);

        logs.append(JOB, 1, 0, bytes("first"), true);
        logs.append(JOB, 2, 0, bytes("second"), false);

        assertThat(logs.read(JOB, 1, 0).text()).isEqualTo("first");
        assertThat(logs.read(JOB, 2, 0).text()).isEqualTo("second");
        assertThat(logs.read(JOB, 3, 0).end()).isZero();
        assertThat(logs.read(JOB, 3, 0).complete()).isFalse();
    }
}
