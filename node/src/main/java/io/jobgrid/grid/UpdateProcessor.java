package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.Change;
import io.jobgrid.core.JobUpdate;

import java.io.IOException;
import java.util.Map;

/**
 * Runs a {@link JobUpdate} on the partition thread that owns the record, and again on each
 * backup (the update is deterministic). A refusal is returned, not thrown, so it crosses the
 * wire as a value and the partition thread logs nothing.
 */
final class UpdateProcessor implements EntryProcessor<String, JobRecord, UpdateProcessor.Outcome>, DataSerializable,
        HazelcastInstanceAware {
    private JobUpdate update;
    /** Whether this runs on a backup replica, where this member's {@link StateCounts} do not count. */
    private boolean backup;
    private transient HazelcastInstance hz;

    UpdateProcessor() {
    }

    UpdateProcessor(JobUpdate update) {
        this(update, false);
    }

    private UpdateProcessor(JobUpdate update, boolean backup) {
        this.update = update;
        this.backup = backup;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public EntryProcessor<String, JobRecord, Outcome> getBackupProcessor() {
        return new UpdateProcessor(update, true);
    }

    @Override
    public Outcome process(Map.Entry<String, JobRecord> entry) {
        JobRecord before = entry.getValue();
        try {
            JobRecord after = update.apply(before);
            if (after != before) {
                entry.setValue(after);
                if (!backup) {
                    StateCounts.updated(hz, entry.getKey(), after);
                }
            }
            return new Outcome(before == null ? null : before.state(), after, update.needsRecord(after), null);
        } catch (JobGridException refused) {
            return new Outcome(before == null ? null : before.state(), before, true, refused);
        }
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(update);
        out.writeBoolean(backup);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        update = in.readObject();
        backup = in.readBoolean();
    }

    /** What the update found and left, or why it refused. */
    static final class Outcome implements DataSerializable {
        private JobState from;
        private JobState to;
        private JobRecord after;
        private JobGridException refused;

        Outcome() {
        }

        /** {@code withRecord} false: only the state travels back (see {@link JobUpdate#needsRecord}). */
        Outcome(JobState from, JobRecord after, boolean withRecord, JobGridException refused) {
            this.from = from;
            this.to = after == null ? null : after.state();
            this.after = withRecord ? after : null;
            this.refused = refused;
        }

        Change toChange() {
            if (refused != null) {
                refused.fillInStackTrace();
                throw refused;
            }
            return new Change(from, after, to);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(from == null ? null : from.name());
            out.writeString(to == null ? null : to.name());
            out.writeObject(after);
            out.writeObject(refused);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            String f = in.readString();
            from = f == null ? null : JobState.valueOf(f);
            String t = in.readString();
            to = t == null ? null : JobState.valueOf(t);
            after = in.readObject();
            refused = in.readObject();
        }
    }
}
