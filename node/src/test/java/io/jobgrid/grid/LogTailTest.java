package io.jobgrid.grid;

import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    private final InternalSerializationService ss = new DefaultSerializationServiceBuilder().build();

    @Test
    void keepsItsStderrMarksOverTheWire() throws Exception {
        LogTail tail = new LogTail().append(0, "out\nerr\n".getBytes(StandardCharsets.UTF_8), new long[] {4, 8}, true, 100);
        ObjectDataOutput out = ss.createObjectDataOutput();
        tail.writeData(out);

        LogTail back = new LogTail();
        back.readData(ss.createObjectDataInput(out.toByteArray()));

        assertThat(back.stderr()).containsExactly(4, 8);
        assertThat(back.data()).isEqualTo(tail.data());
        assertThat(back.complete()).isTrue();
    }

    @Test
    void readsATailOfTheVersionBeforeStderrMarksAsAllStdout() throws Exception {
        ObjectDataOutput old = ss.createObjectDataOutput();
        old.writeLong(2);
        old.writeLong(5);
        old.writeBoolean(false);
        old.writeByteArray("abc".getBytes(StandardCharsets.UTF_8));

        LogTail back = new LogTail();
        ObjectDataInput in = ss.createObjectDataInput(old.toByteArray());
        back.readData(in);

        assertThat(back.start()).isEqualTo(2);
        assertThat(back.end()).isEqualTo(5);
        assertThat(new String(back.data(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(back.stderr()).isEmpty();
    }
}
