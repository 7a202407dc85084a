package io.jobgrid.core;

import io.jobgrid.api.JobRecord;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One attempt of a Java task on this node, from its claim until its code returns. The thread
 * running it is interrupted only while it runs this attempt, never after it moved on to another.
 */
final class TaskRun {
    private final JobRecord job;
    private final Instant startedAt;
    volatile ScheduledFuture<?> timeout;
    /** Set when the attempt was handed away (leaving, no quorum): its end is not reported. */
    volatile boolean abandoned;
    private Thread thread;
    private boolean stopped;
    private boolean done;
    private boolean released;
    /** Output bytes written so far, and the chain of their appends (guarded by this). */
    long written;
    CompletableFuture<Object> appends = CompletableFuture.completedFuture(null);

    TaskRun(JobRecord job, Instant startedAt) {
        this.job = job;
        this.startedAt = startedAt;
    }

    JobRecord job() {
        return job;
    }

    int attempt() {
        return job.attempt();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The calling thread starts running the attempt; false when it was stopped before. */
    synchronized boolean enter() {
        if (stopped || done) {
            return false;
        }
        thread = Thread.currentThread();
        return true;
    }

    /** The attempt's code has returned; an interrupt meant for it is cleared from the thread. */
    synchronized void leave() {
        done = true;
        thread = null;
        Thread.interrupted();
    }

    /** Cancel, timeout or hand-back: the task sees {@code cancelled()} and its thread is interrupted. */
    synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** True the first time only: the attempt's slot is given back once, whoever gets there first. */
    synchronized boolean markReleased() {
        if (released) {
            return false;
        }
        released = true;
        return true;
    }

    /**
     * A newer attempt of the same job starts on this node: this one is stopped. True when its code
     * never started (its call may still arrive, and will find the newer attempt), so the caller gives
     * its slot back; false when its code runs or ran, which gives the slot back as it returns.
     */
    synchronized boolean supersede() {
        stop();
        return thread == null && !done;
    }
}
