package io.jobgrid.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.core.OutputTail;
import io.jobgrid.history.StoredLog;

import java.io.IOException;

/**
 * The bounded tail of one attempt's output as held in the grid: bytes {@code [start, end)} of
 * everything the attempt printed, stdout and stderr interleaved, the stderr bytes marked as in
 * {@link OutputTail#stderr}. Appending past the cap drops the oldest bytes, so a job that prints
 * without bound costs bounded memory.
 */
public final class LogTail implements DataSerializable {
    private OutputTail tail = OutputTail.EMPTY;

    public LogTail() {
    }

    private LogTail(OutputTail tail) {
        this.tail = tail;
    }

    /** The tail as the archive keeps it. */
    public StoredLog stored() {
        return new StoredLog(tail.start(), tail.end(), tail.data(), tail.complete(), tail.stderr());
    }

    /** A tail read back from the archive; one stored before stderr was marked reads as all stdout. */
    public static LogTail of(StoredLog stored) {
        return new LogTail(new OutputTail(stored.start(), stored.end(), stored.data(), stored.complete(),
                stored.stderr()));
    }

    LogTail(long start, long end, byte[] data, boolean complete) {
        this(new OutputTail(start, end, data, complete));
    }

    /**
     * The tail after appending {@code chunk}, which begins at byte {@code offset} of the output, by
     * the rule of {@link OutputTail#append}; this tail itself when the chunk was a repeat.
     */
    LogTail append(long offset, byte[] chunk, boolean last, int cap) {
        return append(offset, chunk, OutputTail.NONE, last, cap);
    }

    LogTail append(long offset, byte[] chunk, long[] stderr, boolean last, int cap) {
        OutputTail after = tail.append(offset, chunk, stderr, last, cap);
        return after == tail ? this : new LogTail(after);
    }

    public long start() {
        return tail.start();
    }

    public long end() {
        return tail.end();
    }

    public byte[] data() {
        return tail.data();
    }

    public boolean complete() {
        return tail.complete();
    }

    /** The stderr spans held, as offset pairs. */
    public long[] stderr() {
        return tail.stderr();
    }

    /** Bytes from {@code from} on (or from the start of the tail if those were dropped). */
    public byte[] from(long from) {
        return tail.from(from);
    }

    /** The stderr spans of the bytes from {@code from} on. */
    public long[] stderrFrom(long from) {
        return tail.stderrFrom(from);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(tail.start());
        out.writeLong(tail.end());
        out.writeBoolean(tail.complete());
        out.writeByteArray(tail.data());
        out.writeLongArray(tail.stderr()); // last, after what tails written before stderr was marked hold
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        long start = in.readLong();
        long end = in.readLong();
        boolean complete = in.readBoolean();
        byte[] data = in.readByteArray();
        tail = new OutputTail(start, end, data, complete, stderrOrNone(in));
    }

    /**
     * The stderr marks written last, or none from a member of the version before them, whose tails
     * end at the data (a member of that version reading ours stops before the marks).
     */
    static long[] stderrOrNone(ObjectDataInput in) throws IOException {
        try {
            return in.readLongArray();
        } catch (java.io.EOFException olderMember) {
            return OutputTail.NONE;
        }
    }
}
