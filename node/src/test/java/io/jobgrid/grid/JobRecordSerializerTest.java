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
    void aJobWithBothAPriorityAndAnArrayMembershipComesBackWithBoth() {
        JobSpec shell = JobSpec.builder().shell("work $JOBGRID_ARRAY_INDEX").priority(90).env(Map.of("K", "V"))
                .build().inArray(JobId.of(4), 7);
        JobRecord job = JobRecord.submitted(JobId.of(5), shell, T0).started("n", "u", T0.plusSeconds(1));
        JobSpec task = JobSpec.builder().task(TaskSpec.named("resize", Map.of("w", "1"))).priority(0).build()
                .inArray(JobId.of(10), 0);
        JobRecord taskJob = JobRecord.submitted(JobId.of(11), task, T0).withResult(TaskResult.value(new byte[] {1}));

        JobRecord back = roundTrip(config, job);
        JobRecord taskBack = roundTrip(config, taskJob);

        assertThat(back).isEqualTo(job);
        assertThat(back.spec().priority()).isEqualTo(90);
        assertThat(back.spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(JobId.of(4), 7));
        assertThat(taskBack).isEqualTo(taskJob);
        assertThat(taskBack.spec().priority()).isZero();
        assertThat(taskBack.spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(JobId.of(10), 0));
    }

    @Test
    void aJobWithAConcurrencyKeyComesBackWithIt() {
        JobSpec shell = JobSpec.builder().shell("work").priority(70).concurrencyKey("db").build().inArray(JobId.of(4), 3);
        JobRecord job = JobRecord.submitted(JobId.of(5), shell, T0).started("n", "u", T0.plusSeconds(1));
        JobSpec task = JobSpec.builder().task(TaskSpec.named("resize", Map.of("w", "1"))).concurrencyKey("img.v2")
                .build();
        JobRecord taskJob = JobRecord.submitted(JobId.of(11), task, T0);
        JobRecord plain = JobRecord.submitted(JobId.of(12), JobSpec.shell("true"), T0);

        assertThat(roundTrip(config, job)).isEqualTo(job);
        assertThat(roundTrip(config, job).spec().concurrencyKey()).isEqualTo("db");
        assertThat(roundTrip(config, job).spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(JobId.of(4), 3));
        assertThat(roundTrip(config, taskJob).spec().concurrencyKey()).isEqualTo("img.v2");
        assertThat(roundTrip(config, plain).spec().concurrencyKey()).isNull();
    }

    @Test
    void recordsOfFormats1To3AreReadWithTheDefaultPriorityAndNoArray() {
        JobSpec spec = JobSpec.builder().command(List.of("make")).env(Map.of("K", "V")).timeout(Duration.ofSeconds(9))
                .maxAttempts(2).constraints(Map.of("os", "linux")).name("build").dependsOn(List.of(JobId.of(1))).build();
        JobRecord job = JobRecord.submitted(JobId.of(2), spec, T0).released(T0.plusSeconds(1))
                .started("node-1", "uuid-1", T0.plusSeconds(2))
                .requeued(JobState.FAILED.name(), 3, "exit 3", T0.plusSeconds(3), T0.plusSeconds(5));
        JobRecord task = JobRecord.submitted(JobId.of(3), JobSpec.builder().task(TaskSpec.named("t", Map.of())).build(), T0)
                .withResult(TaskResult.value(new byte[] {4}));

        JobRecord format1 = roundTrip(legacy(1), job);
        JobRecord format2 = roundTrip(legacy(2), task);
        JobRecord format3 = roundTrip(legacy(3), job);

        // format 1 had no attempt errors; everything else is the record itself
        assertThat(format1.attempts()).singleElement().satisfies(a -> assertThat(a.error()).isNull());
        assertThat(format1.spec()).isEqualTo(spec);
        assertThat(format2).isEqualTo(task);
        assertThat(format3).isEqualTo(job);
        for (JobRecord old : List.of(format1, format2, format3)) {
            assertThat(old.spec().priority()).isEqualTo(JobSpec.DEFAULT_PRIORITY);
            assertThat(old.spec().array()).isNull();
        }
    }

    @Test
    void aQueueDeadlineComesBackWithEveryOtherFieldOfFormat4() {
        JobSpec spec = JobSpec.builder().shell("work").priority(70).startWithin(Duration.ofMinutes(10))
                .dependsOn(List.of(JobId.of(1))).build().inArray(JobId.of(4), 3);
        JobRecord waiting = JobRecord.submitted(JobId.of(5), spec, T0);
        JobRecord expired = waiting.expired(T0.plusSeconds(600));

        JobRecord back = roundTrip(config, waiting);

        assertThat(back).isEqualTo(waiting);
        assertThat(back.spec().startWithin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(back.spec().priority()).isEqualTo(70);
        assertThat(back.spec().array()).isEqualTo(new io.jobgrid.api.ArrayMember(JobId.of(4), 3));
        assertThat(roundTrip(config, expired)).isEqualTo(expired);
        assertThat(expired.error()).isEqualTo("not started within PT10M");
    }

    @Test
    void recordsOfFormat4AreReadWithTheirPriorityAndArrayAndNoQueueDeadline() {
        JobSpec spec = JobSpec.builder().shell("work").priority(12).build().inArray(JobId.of(4), 2);
        JobRecord job = JobRecord.submitted(JobId.of(6), spec, T0).started("n", "u", T0.plusSeconds(1));

        JobRecord format4 = roundTrip(legacy(4), job);

        assertThat(format4).isEqualTo(job);
        assertThat(format4.spec().startWithin()).isNull();
    }

    /** A serializer that writes the older {@code format} (as a member of that version did) and reads with today's. */
    private static SerializationConfig legacy(int format) {
        return new SerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(JobRecord.class)
                .setImplementation(new LegacyWriter(format)));
    }

    private record LegacyWriter(int format) implements com.hazelcast.nio.serialization.StreamSerializer<JobRecord> {
        @Override
        public void write(com.hazelcast.nio.ObjectDataOutput out, JobRecord r) throws java.io.IOException {
            out.writeByte(format);
            out.writeString(r.id().value());
            JobSpec s = r.spec();
            strings(out, s.command());
            out.writeString(s.shell());
            map(out, s.env());
            out.writeString(s.workdir());
            duration(out, s.timeout());
            out.writeInt(s.maxAttempts());
            duration(out, s.backoff().initial());
            out.writeDouble(s.backoff().factor());
            duration(out, s.backoff().max());
            map(out, s.constraints());
            out.writeString(s.name());
            out.writeString(s.idempotencyKey());
            strings(out, s.dependsOn().stream().map(JobId::value).toList());
            if (format >= 4) {
                out.writeByte(s.priority());
            }
            out.writeByte(r.state().ordinal());
            out.writeInt(r.attempt());
            out.writeString(r.node());
            out.writeString(r.nodeId());
            code(out, r.exitCode());
            out.writeString(r.error());
            for (Instant t : java.util.Arrays.asList(r.createdAt(), r.queuedAt(), r.startedAt(), r.finishedAt(),
                    r.notBefore())) {
                time(out, t);
            }
            for (List<JobId> ids : List.of(r.parents(), r.children(), r.satisfied())) {
                strings(out, ids.stream().map(JobId::value).toList());
            }
            out.writeInt(r.attempts().size());
            for (io.jobgrid.api.Attempt a : r.attempts()) {
                out.writeInt(a.attempt());
                out.writeString(a.node());
                time(out, a.startedAt());
                time(out, a.finishedAt());
                out.writeString(a.outcome());
                code(out, a.exitCode());
                if (format >= 3) {
                    out.writeString(a.error());
                }
            }
            if (format >= 2) {
                TaskSpec task = s.task();
                out.writeBoolean(task != null);
                if (task != null) {
                    out.writeString(task.type());
                    map(out, task.args());
                    out.writeByteArray(task.code());
                }
                JobRecordSerializer.writeResult(out, r.result());
            }
            if (format >= 4) {
                array(out, s.array());
            }
        }

        private static void array(com.hazelcast.nio.ObjectDataOutput out, io.jobgrid.api.ArrayMember array)
                throws java.io.IOException {
            out.writeBoolean(array != null);
            if (array != null) {
                out.writeString(array.array().value());
                out.writeInt(array.index());
            }
        }

        @Override
        public JobRecord read(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            return new JobRecordSerializer().read(in);
        }

        @Override
        public int getTypeId() {
            return JobRecordSerializer.TYPE_ID;
        }

        private static void strings(com.hazelcast.nio.ObjectDataOutput out, List<String> values) throws java.io.IOException {
            out.writeInt(values.size());
            for (String v : values) {
                out.writeString(v);
            }
        }

        private static void map(com.hazelcast.nio.ObjectDataOutput out, Map<String, String> m) throws java.io.IOException {
            out.writeInt(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
        }

        private static void time(com.hazelcast.nio.ObjectDataOutput out, Instant t) throws java.io.IOException {
            out.writeBoolean(t != null);
            if (t != null) {
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
        }

        private static void duration(com.hazelcast.nio.ObjectDataOutput out, Duration d) throws java.io.IOException {
            out.writeBoolean(d != null);
            if (d != null) {
                out.writeLong(d.getSeconds());
                out.writeInt(d.getNano());
            }
        }

        private static void code(com.hazelcast.nio.ObjectDataOutput out, Integer code) throws java.io.IOException {
            out.writeBoolean(code != null);
            if (code != null) {
                out.writeInt(code);
            }
        }
    }

    @Test
    void isSmallerThanTheJsonForm() {
        JobRecord job = JobRecord.submitted(JobId.of(1), JobSpec.shell("true"), T0);
        SerializationConfig json = new SerializationConfig().addSerializerConfig(new SerializerConfig()
                .setTypeClass(JobRecord.class).setImplementation(new JsonStreamSerializer<>(JobRecord.class, 7001)));

        assertThat(serializedSize(config, job)).isLessThan(serializedSize(json, job));
    }
}
