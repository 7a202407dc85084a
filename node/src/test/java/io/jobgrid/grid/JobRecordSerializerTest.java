package io.jobgrid.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import io.jobgrid.api.Backoff;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.TaskResult;
import io.jobgrid.api.TaskSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.jobgrid.grid.internal.TestInternals.roundTrip;
import static io.jobgrid.grid.internal.TestInternals.serializedSize;
import static org.assertj.core.api.Assertions.assertThat;

class JobRecordSerializerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T01:02:03.456789Z");
    private final SerializationConfig config = new SerializationConfig().addSerializerConfig(
            new SerializerConfig().setTypeClass(JobRecord.class).setImplementation(new JobRecordSerializer()));

    @Test
    void aNewShellJobComesBackEqual() {
        JobRecord job = JobRecord.submitted(JobId.of(1), JobSpec.shell("true"), T0);

        JobRecord back = roundTrip(config, job);

        assertThat(back).isEqualTo(job);
    }

    @Test
    void everyFieldOfARetriedDagJobComesBackEqual() {
        JobSpec spec = JobSpec.builder().command(List.of("sh", "-c", "echo é ☃")).env(Map.of("K", "V", "A", ""))
                .workdir("/tmp").timeout(Duration.ofMillis(1500)).maxAttempts(3)
                .backoff(new Backoff(Duration.ofMillis(250), 1.5, Duration.ofSeconds(9)))
                .constraints(Map.of("os", "linux")).name("build").idempotencyKey("k-1")
                .dependsOn(List.of(JobId.of(7))).priority(87).build();
        JobRecord job = JobRecord.submitted(JobId.of(8), spec, T0).withChildren(List.of(JobId.of(9), JobId.of(10)));
        JobRecord ran = job.released(T0.plusSeconds(1)).started("node-1", "uuid-1", T0.plusSeconds(2))
                .requeued(JobState.FAILED.name(), 3, "exit 3", T0.plusSeconds(3), T0.plusSeconds(5));

        JobRecord back = roundTrip(config, ran);

        assertThat(back).isEqualTo(ran);
        assertThat(back.attempts()).singleElement().satisfies(a -> {
            assertThat(a.error()).isEqualTo("exit 3");
            assertThat(a.exitCode()).isEqualTo(3);
        });
        assertThat(back.notBefore()).isEqualTo(T0.plusSeconds(5));
        assertThat(back.spec().priority()).isEqualTo(87);
    }

    @Test
    void aJavaTaskWithItsSpecAndResultComesBackEqual() {
        JobSpec named = JobSpec.builder().task(TaskSpec.named("resize", Map.of("width", "640"))).maxAttempts(2).build();
        JobRecord failed = JobRecord.submitted(JobId.of(3), named, T0).started("n", "u", T0.plusSeconds(1))
                .withResult(TaskResult.error("java.io.IOException", "disk full", "java.io.IOException: disk full\n\tat X"))
                .finished(JobState.FAILED, null, "java.io.IOException: disk full", T0.plusSeconds(2));
        JobSpec code = JobSpec.builder().task(new TaskSpec("com.example.Sum", Map.of(), new byte[] {1, 2, 3})).build();
        JobRecord done = JobRecord.submitted(JobId.of(4), code, T0).withResult(TaskResult.value(new byte[] {9}));

        assertThat(roundTrip(config, failed)).isEqualTo(failed);
        assertThat(roundTrip(config, done)).isEqualTo(done);
        assertThat(roundTrip(config, done).spec().task().code()).containsExactly(1, 2, 3);
    }

    @Test
    void aJobOfAnArrayComesBackWithItsArrayAndIndex() {
        JobRecord job = JobRecord.submitted(JobId.of(5), JobSpec.shell("echo").inArray(JobId.of(4), 9_999), T0)
                .started("n", "u", T0.plusSeconds(1));

        JobRecord back = roundTrip(config, job);

        assertThat(back).isEqualTo(job);
        assertThat(back.spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(JobId.of(4), 9_999));
    }

    @Test
    void isSmallerThanTheJsonForm() {
        JobRecord job = JobRecord.submitted(JobId.of(1), JobSpec.shell("true"), T0);
        SerializationConfig json = new SerializationConfig().addSerializerConfig(new SerializerConfig()
                .setTypeClass(JobRecord.class).setImplementation(new JsonStreamSerializer<>(JobRecord.class, 7001)));

        assertThat(serializedSize(config, job)).isLessThan(serializedSize(json, job));
    }
}
