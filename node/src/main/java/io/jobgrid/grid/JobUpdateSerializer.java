package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobState;
import io.jobgrid.core.JobUpdate;
import io.jobgrid.core.JobUpdates;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes the scheduler's updates field by field. They travel with every claim, result and
 * release, to the record's owner and again to each backup; Java serialization of them was a
 * visible share of a node's CPU.
 */
public final class JobUpdateSerializer implements StreamSerializer<JobUpdate> {
    public static final int TYPE_ID = 7003;
    private static final byte CLAIM = 1;
    private static final byte FINISH = 2;
    private static final byte CANCEL = 3;
    private static final byte REQUEUE_LOST = 4;
    private static final byte ADD_CHILD = 5;
    private static final byte PARENT_ENDED = 6;
    private static final byte FINISH_TASK = 7;
    private static final byte EXPIRE = 8;

    @Override
    public void write(ObjectDataOutput out, JobUpdate update) throws IOException {
        if (update instanceof JobUpdates.Claim c) {
            out.writeByte(CLAIM);
            id(out, c.id());
            out.writeInt(c.attempt());
            out.writeString(c.node());
            out.writeString(c.nodeId());
            time(out, c.now());
        } else if (update instanceof JobUpdates.Finish f) {
            out.writeByte(FINISH);
            id(out, f.id());
            out.writeInt(f.attempt());
            out.writeString(f.nodeId());
            out.writeString(f.outcome().name());
            out.writeInt(f.exitCode() == null ? Integer.MIN_VALUE : f.exitCode());
            out.writeString(f.error());
            time(out, f.now());
        } else if (update instanceof JobUpdates.FinishTask f) {
            out.writeByte(FINISH_TASK);
            id(out, f.id());
            out.writeInt(f.attempt());
            out.writeString(f.nodeId());
            out.writeString(f.outcome().name());
            out.writeString(f.error());
            JobRecordSerializer.writeResult(out, f.result());
            time(out, f.now());
        } else if (update instanceof JobUpdates.Expire e) {
            out.writeByte(EXPIRE);
            id(out, e.id());
            time(out, e.now());
        } else if (update instanceof JobUpdates.Cancel c) {
            out.writeByte(CANCEL);
            id(out, c.id());
            time(out, c.now());
        } else if (update instanceof JobUpdates.RequeueLost r) {
            out.writeByte(REQUEUE_LOST);
            id(out, r.id());
            out.writeString(r.deadNodeId());
            out.writeString(r.deadNodeName());
            time(out, r.now());
        } else if (update instanceof JobUpdates.AddChild a) {
            out.writeByte(ADD_CHILD);
            id(out, a.parent());
            id(out, a.child());
        } else if (update instanceof JobUpdates.ParentEnded p) {
            out.writeByte(PARENT_ENDED);
            id(out, p.child());
            id(out, p.parent());
            out.writeString(p.parentState().name());
            time(out, p.now());
        } else {
            out.writeByte(0);
            out.writeObject(new JavaUpdate(update));
        }
    }

    @Override
    public JobUpdate read(ObjectDataInput in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case CLAIM -> new JobUpdates.Claim(id(in), in.readInt(), in.readString(), in.readString(), time(in));
            case FINISH -> new JobUpdates.Finish(id(in), in.readInt(), in.readString(), JobState.valueOf(in.readString()),
                    code(in.readInt()), in.readString(), time(in));
            case FINISH_TASK -> new JobUpdates.FinishTask(id(in), in.readInt(), in.readString(),
                    JobState.valueOf(in.readString()), in.readString(), JobRecordSerializer.readResult(in), time(in));
            case CANCEL -> new JobUpdates.Cancel(id(in), time(in));
            case EXPIRE -> new JobUpdates.Expire(id(in), time(in));
            case REQUEUE_LOST -> new JobUpdates.RequeueLost(id(in), in.readString(), in.readString(), time(in));
            case ADD_CHILD -> new JobUpdates.AddChild(id(in), id(in));
            case PARENT_ENDED -> new JobUpdates.ParentEnded(id(in), id(in), JobState.valueOf(in.readString()), time(in));
            case 0 -> in.<JavaUpdate>readObject().update();
            default -> throw new IOException("unknown job update type " + type);
        };
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    private static void id(ObjectDataOutput out, JobId id) throws IOException {
        out.writeString(id.value());
    }

    private static JobId id(ObjectDataInput in) throws IOException {
        return new JobId(in.readString());
    }

    private static void time(ObjectDataOutput out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant time(ObjectDataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static Integer code(int raw) {
        return raw == Integer.MIN_VALUE ? null : raw;
    }

    /** Any other update (tests, future ones) still travels, by Java serialization. */
    private record JavaUpdate(JobUpdate update) implements java.io.Serializable {
    }
}
