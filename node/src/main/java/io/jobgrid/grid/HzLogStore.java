package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.core.Daemons;
import io.jobgrid.core.LogStore;
import io.jobgrid.history.StoredLog;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Output tails in the {@link GridNames#LOGS} IMap, one entry per job attempt, backed up like the
 * job records so they can be read and followed from any node after the node that ran the job
 * is gone.
 */
public final class HzLogStore implements LogStore {
    /**
     * Completes appends off Hazelcast's response thread (see {@link #append}). Its own thread, not
     * the common pool: the callbacks it runs only start the attempt's next append, but a common
     * pool busy with someone's blocking work would hold back every job's output and result. One
     * daemon thread that ends when idle, shared by the nodes of this JVM.
     */
    private static final Executor COMPLETIONS = completions();

    private final IMap<String, LogTail> map;
    private final int cap;

    public HzLogStore(HazelcastInstance hz, int capBytes) {
        this.map = hz.getMap(GridNames.LOGS);
        this.cap = capBytes;
    }

    static String key(JobId id, int attempt) {
        return StoredLog.key(id, attempt);
    }

    /** Appends atomically where the tail lives; {@code last} marks the attempt's output complete. */
    @Override
    public CompletableFuture<Object> append(JobId id, int attempt, long offset, byte[] chunk, long[] stderr,
                                            boolean last) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        // An attempt's first chunk (offset 0) starts its tail: set() it, since an entry processor on
        // a missing key first asks the map store, a database read for a tail that cannot exist yet.
        CompletionStage<?> sent = offset == 0
                ? map.setAsync(key(id, attempt), new LogTail().append(0, chunk, stderr, last, cap))
                : map.submitToKey(key(id, attempt), new Append(offset, chunk, stderr, last, cap));
        // Completed off Hazelcast's response thread, which may make no remote call: whoever chains
        // the attempt's next append onto this one would make it there.
        sent.whenCompleteAsync((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(r);
            }
        }, COMPLETIONS);
        return done;
    }

    private static Executor completions() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Daemons.named("jobgrid-log-append"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Bytes of {@code attempt}'s output from {@code from} on; empty when none was captured. */
    @Override
    public JobLog read(JobId id, int attempt, long from) {
        LogTail tail = map.get(key(id, attempt));
        if (tail == null) {
            return new JobLog(id, attempt, 0, 0, new byte[0], false);
        }
        long first = Math.max(from, tail.start());
        return new JobLog(id, attempt, Math.min(first, tail.end()), tail.end(), tail.from(from), tail.complete(),
                tail.stderrFrom(from));
    }

    public void delete(JobId id, int attempt) {
        map.delete(key(id, attempt));
    }

    /** Appends one chunk to a tail on its partition thread (and, deterministically, on backups). */
    static final class Append implements EntryProcessor<String, LogTail, Object>, DataSerializable {
        private long offset;
        private byte[] chunk;
        private long[] stderr;
        private boolean last;
        private int cap;

        Append() {
        }

        Append(long offset, byte[] chunk, long[] stderr, boolean last, int cap) {
            this.offset = offset;
            this.chunk = chunk;
            this.stderr = stderr;
            this.last = last;
            this.cap = cap;
        }

        @Override
        public Object process(Map.Entry<String, LogTail> entry) {
            LogTail tail = entry.getValue() == null ? new LogTail() : entry.getValue();
            LogTail next = tail.append(offset, chunk, stderr, last, cap);
            if (next != tail || entry.getValue() == null) {
                entry.setValue(next);
            }
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(offset);
            out.writeBoolean(last);
            out.writeInt(cap);
            out.writeByteArray(chunk);
            out.writeLongArray(stderr);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            offset = in.readLong();
            last = in.readBoolean();
            cap = in.readInt();
            chunk = in.readByteArray();
            stderr = LogTail.stderrOrNone(in);
        }
    }
}
