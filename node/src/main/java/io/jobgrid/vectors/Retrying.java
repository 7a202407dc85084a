package io.jobgrid.vectors;

import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.VectorConflictException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs vector work through member deaths. A member dying mid-operation fails the Jet job (light
 * jobs do not restart) or an invocation; since updates are idempotent per chunk and reads are
 * pure, the whole operation is simply run again once the partition table is safe (backups
 * promoted). A real conflict ({@link VectorConflictException}) is never retried. An update that
 * still fails is marked interrupted in the journal and reported.
 */
final class Retrying {
    static final int ATTEMPTS = 3;
    private static final long SAFE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HazelcastInstance hz;
    private final ChunkRunner runner;

    Retrying(HazelcastInstance hz, ChunkRunner runner) {
        this.hz = hz;
        this.runner = runner;
    }

    void run(VectorMeta begun, UpdateChunk processor, Journal journal) {
        update(begun, () -> expectAll(begun, runner.run(begun.name(), begun.size(), processor)), journal);
    }

    /** Runs a journaled update's work, retried; if it still fails, marks the update interrupted and says so. */
    void update(VectorMeta begun, Runnable work, Journal journal) {
        String what = begun.pending().update().describe();
        try {
            attempt(begun.name(), () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            journal.markInterrupted(begun);
            throw new VectorConflictException(what + " on vector " + begun.name() + " was interrupted ("
                    + e.getMessage() + "); re-run " + what + " to finish it: chunks already done are skipped", e);
        }
    }

    Partial reduce(VectorMeta meta, ReadChunk processor) {
        return attempt(meta.name(), () -> expectAll(meta, runner.scan(meta.name(), meta.size(), processor)));
    }

    <T> T read(String name, Supplier<T> work) {
        return attempt(name, work);
    }

    private <T> T attempt(String name, Supplier<T> work) {
        RuntimeException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                VectorConflictException conflict = conflictIn(e);
                if (conflict != null) {
                    throw conflict;
                }
                if (!hz.getLifecycleService().isRunning()) {
                    throw e;
                }
                last = e;
                awaitSafe();
            }
        }
        throw new JobGridException("operation on vector " + name + " failed " + ATTEMPTS + " times: " + last, last);
    }

    private static Partial expectAll(VectorMeta meta, Partial result) {
        int expected = Layout.chunkCount(meta.size());
        if (result.chunks() != expected) {
            throw new IllegalStateException(result.chunks() + " of " + expected + " chunks of vector "
                    + meta.name() + " answered");
        }
        return result;
    }

    private static VectorConflictException conflictIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VectorConflictException conflict) {
                return conflict;
            }
        }
        return null;
    }

    /** Waits until no partition lacks its backups, so a retry does not run into the same gap. */
    private void awaitSafe() {
        long deadline = System.nanoTime() + SAFE_WAIT_NANOS;
        while (!hz.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
