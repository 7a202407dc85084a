package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.jobgrid.api.ArrayMember;
import io.jobgrid.api.Attempt;
import io.jobgrid.api.Backoff;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.TaskResult;
import io.jobgrid.api.TaskSpec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a job record field by field. A record crosses the wire on every create, every update's
 * answer and every backup, and is read back on the other side each time: as JSON through Jackson
 * this was the largest single cost of a node's partition threads (JFR on {@code bin/bench
 * shell-throughput}: a quarter of their samples). The stored history keeps its own JSON form
 * ({@code io.jobgrid.history.Json}); this form lives only in memory and between members of one
 * version. It starts with a format byte, so a later form can still read this one: format 2 added
 * a Java task's spec and result at the end (a flag byte each), format 3 each attempt's error, format 4
 * the spec's priority (a byte after its dependencies) and the job's array and index (at the end: a
 * flag byte, then both), format 5 the spec's concurrency key (a string, null when none) and then
 * its queue deadline ({@code startWithin}, a duration), after everything format 4 writes. Formats 1
 * to 4 are still read: their jobs get the default priority (1 to 3), belong to no array (1 to 3),
 * and have no concurrency key and no queue deadline.
 */
public final class JobRecordSerializer implements StreamSerializer<JobRecord> {
    public static final int TYPE_ID = 7004;
    private static final byte FORMAT = 5;
    private static final byte FORMAT_1 = 1;
    private static final byte FORMAT_2 = 2;
    private static final byte FORMAT_3 = 3;
    private static final byte FORMAT_4 = 4;
    private static final byte FORMAT_5 = 5;
    private static final JobState[] STATES = JobState.values();
    private static final TaskSpec PENDING_TASK = TaskSpec.named("pending", Map.of());

    @Override
    public void write(ObjectDataOutput out, JobRecord r) throws IOException {
        out.writeByte(FORMAT);
        out.writeString(r.id().value());
        writeSpec(out, r.spec());
        out.writeByte(r.state().ordinal());
        out.writeInt(r.attempt());
        out.writeString(r.node());
        out.writeString(r.nodeId());
        writeCode(out, r.exitCode());
        out.writeString(r.error());
        writeTime(out, r.createdAt());
        writeTime(out, r.queuedAt());
        writeTime(out, r.startedAt());
        writeTime(out, r.finishedAt());
        writeTime(out, r.notBefore());
        writeIds(out, r.parents());
        writeIds(out, r.children());
        writeIds(out, r.satisfied());
        out.writeInt(r.attempts().size());
        for (Attempt a : r.attempts()) {
            out.writeInt(a.attempt());
            out.writeString(a.node());
            writeTime(out, a.startedAt());
            writeTime(out, a.finishedAt());
            out.writeString(a.outcome());
            writeCode(out, a.exitCode());
            out.writeString(a.error());
        }
        writeTask(out, r.spec().task());
        writeResult(out, r.result());
        ArrayMember array = r.spec().array();
        out.writeBoolean(array != null);
        if (array != null) {
            out.writeString(array.array().value());
            out.writeInt(array.index());
        }
        out.writeString(r.spec().concurrencyKey()); // format 5: last, after all format 4 writes
        writeDuration(out, r.spec().startWithin());
    }

    @Override
    public JobRecord read(ObjectDataInput in) throws IOException {
        byte format = in.readByte();
        if (format < FORMAT_1 || format > FORMAT) {
            throw new IOException("unknown job record format " + format + " (this node reads formats 1 to " + FORMAT + ")");
        }
        JobId id = new JobId(in.readString());
        JobSpec spec = readSpec(in, format);
        JobState state = STATES[in.readByte()];
        int attempt = in.readInt();
        String node = in.readString();
        String nodeId = in.readString();
        Integer exitCode = readCode(in);
        String error = in.readString();
        Instant createdAt = readTime(in);
        Instant queuedAt = readTime(in);
        Instant startedAt = readTime(in);
        Instant finishedAt = readTime(in);
        Instant notBefore = readTime(in);
        List<JobId> parents = readIds(in);
        List<JobId> children = readIds(in);
        List<JobId> satisfied = readIds(in);
        int n = in.readInt();
        List<Attempt> attempts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            attempts.add(new Attempt(in.readInt(), in.readString(), readTime(in), readTime(in), in.readString(),
                    readCode(in), format >= FORMAT_3 ? in.readString() : null));
        }
        TaskResult result = null;
        if (format >= FORMAT_2) {
            TaskSpec task = readTask(in);
            if (task != null) {
                spec = spec.toBuilder().task(task).build();
            }
            result = readResult(in);
        }
        if (format >= FORMAT_4 && in.readBoolean()) {
            spec = spec.inArray(new JobId(in.readString()), in.readInt());
        }
        if (format >= FORMAT_5) {
            String key = in.readString();
            Duration startWithin = readDuration(in);
            if (key != null || startWithin != null) {
                spec = spec.toBuilder().concurrencyKey(key).startWithin(startWithin).build();
            }
        }
        return new JobRecord(id, spec, state, attempt, node, nodeId, exitCode, error, createdAt, queuedAt, startedAt,
                finishedAt, notBefore, parents, children, satisfied, attempts, result);
    }

    private static void writeTask(ObjectDataOutput out, TaskSpec task) throws IOException {
        out.writeBoolean(task != null);
        if (task != null) {
            out.writeString(task.type());
            writeMap(out, task.args());
            out.writeByteArray(task.code());
        }
    }

    private static TaskSpec readTask(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? new TaskSpec(in.readString(), readMap(in), in.readByteArray()) : null;
    }

    static void writeResult(ObjectDataOutput out, TaskResult result) throws IOException {
        out.writeBoolean(result != null);
        if (result != null) {
            out.writeByteArray(result.value());
            out.writeString(result.errorType());
            out.writeString(result.errorMessage());
            out.writeString(result.stackTrace());
        }
    }

    static TaskResult readResult(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? new TaskResult(in.readByteArray(), in.readString(), in.readString(), in.readString())
                : null;
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    private static void writeSpec(ObjectDataOutput out, JobSpec s) throws IOException {
        writeStrings(out, s.command());
        out.writeString(s.shell());
        writeMap(out, s.env());
        out.writeString(s.workdir());
        writeDuration(out, s.timeout());
        out.writeInt(s.maxAttempts());
        writeDuration(out, s.backoff().initial());
        out.writeDouble(s.backoff().factor());
        writeDuration(out, s.backoff().max());
        writeMap(out, s.constraints());
        out.writeString(s.name());
        out.writeString(s.idempotencyKey());
        writeIds(out, s.dependsOn());
        out.writeByte(s.priority());
    }

    private static JobSpec readSpec(ObjectDataInput in, byte format) throws IOException {
        List<String> command = readStrings(in);
        String shell = in.readString();
        Map<String, String> env = readMap(in);
        String workdir = in.readString();
        Duration timeout = readDuration(in);
        int maxAttempts = in.readInt();
        Backoff backoff = new Backoff(readDuration(in), in.readDouble(), readDuration(in));
        Map<String, String> constraints = readMap(in);
        String name = in.readString();
        String idempotencyKey = in.readString();
        List<JobId> dependsOn = readIds(in);
        Integer priority = format >= FORMAT_4 ? Integer.valueOf(in.readByte()) : null;
        // a Java task's spec follows at the end of the record; a placeholder until then
        TaskSpec task = command.isEmpty() && shell == null ? PENDING_TASK : null;
        return new JobSpec(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name,
                idempotencyKey, dependsOn, task, null, priority);
    }

    private static void writeStrings(ObjectDataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeString(v);
        }
    }

    private static List<String> readStrings(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readString());
        }
        return values;
    }

    private static void writeIds(ObjectDataOutput out, List<JobId> ids) throws IOException {
        out.writeInt(ids.size());
        for (JobId id : ids) {
            out.writeString(id.value());
        }
    }

    private static List<JobId> readIds(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<JobId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(new JobId(in.readString()));
        }
        return ids;
    }

    private static void writeMap(ObjectDataOutput out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
    }

    private static Map<String, String> readMap(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readString(), in.readString());
        }
        return map;
    }

    private static void writeTime(ObjectDataOutput out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant readTime(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeDuration(ObjectDataOutput out, Duration d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeLong(d.getSeconds());
            out.writeInt(d.getNano());
        }
    }

    private static Duration readDuration(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? Duration.ofSeconds(in.readLong(), in.readInt()) : null;
    }

    private static void writeCode(ObjectDataOutput out, Integer code) throws IOException {
        out.writeBoolean(code != null);
        if (code != null) {
            out.writeInt(code);
        }
    }

    private static Integer readCode(ObjectDataInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}
