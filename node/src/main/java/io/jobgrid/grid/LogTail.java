package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.history.StoredLog;

import java.io.IOException;
import java.util.Arrays;

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
     * The tail after appending {@code chunk}, which begins at byte {@code offset} of the output.
     * A gap (bytes the runner dropped before they reached the grid) restarts the tail at the chunk.
     */
    LogTail append(long offset, byte[] chunk, boolean last, int cap) {
        byte[] joined;
        long newStart;
        if (offset == end) {
            joined = Arrays.copyOf(data, data.length + chunk.length);
            System.arraycopy(chunk, 0, joined, data.length, chunk.length);
            newStart = start;
        } else if (offset > end) {
            joined = chunk;
            newStart = offset;
        } else {
            return last && !complete ? new LogTail(start, end, data, true) : this; // a repeat: already held
        }
        long newEnd = newStart + joined.length;
        if (joined.length > cap) {
            joined = Arrays.copyOfRange(joined, joined.length - cap, joined.length);
            newStart = newEnd - cap;
        }
        return new LogTail(newStart, newEnd, joined, last || complete);
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
        long first = Math.max(from, start);
        if (first >= end) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) (first - start), data.length);
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
