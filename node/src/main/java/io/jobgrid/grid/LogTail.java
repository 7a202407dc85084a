package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.core.OutputTail;
import io.jobgrid.history.StoredLog;

import java.io.IOException;

/**
 * The bounded tail of one attempt's output as held in the grid: bytes {@code [start, end)} of
 * everything the attempt printed. Appending past the cap drops the oldest bytes, so a job that
 * prints without bound costs bounded memory.
 */
public final class LogTail implements DataSerializable {
    private long start;
    private long end;
    private byte[] data = new byte[0];
    private boolean complete;

    public LogTail() {
    }

    /** The tail as the archive keeps it. */
    public StoredLog stored() {
        return new StoredLog(start, end, data, complete);
    }

    /** A tail read back from the archive. */
    public static LogTail of(StoredLog stored) {
        return new LogTail(stored.start(), stored.end(), stored.data(), stored.complete());
    }

    LogTail(long start, long end, byte[] data, boolean complete) {
        this.start = start;
        this.end = end;
        this.data = data;
        this.complete = complete;
    }

    /**
     * The tail after appending {@code chunk}, which begins at byte {@code offset} of the output, by
     * the rule of {@link OutputTail#append}; this tail itself when the chunk was a repeat.
     */
    LogTail append(long offset, byte[] chunk, boolean last, int cap) {
        OutputTail before = new OutputTail(start, end, data, complete);
        OutputTail after = before.append(offset, chunk, last, cap);
        return after == before ? this : new LogTail(after.start(), after.end(), after.data(), after.complete());
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public byte[] data() {
        return data;
    }

    public boolean complete() {
        return complete;
    }

    /** Bytes from {@code from} on (or from the start of the tail if those were dropped). */
    public byte[] from(long from) {
        return new OutputTail(start, end, data, complete).from(from);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(start);
        out.writeLong(end);
        out.writeBoolean(complete);
        out.writeByteArray(data);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        start = in.readLong();
        end = in.readLong();
        complete = in.readBoolean();
        data = in.readByteArray();
    }
}
