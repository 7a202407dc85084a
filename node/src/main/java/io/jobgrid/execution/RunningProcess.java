package io.jobgrid.execution;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobState;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt of a job running on this node. {@link #kill} is idempotent; the first reason
 * given (timeout or cancel) is the one reported.
 */
public final class RunningProcess {
    private final JobId id;
    private final int attempt;
    private final Instant startedAt;
    private final OutputBuffer output;
    private final AtomicReference<JobState> killedFor = new AtomicReference<>();
    private volatile Process process;
    private volatile Runnable killer;

    RunningProcess(JobId id, int attempt, Instant startedAt, int outputCapacity) {
        this.id = id;
        this.attempt = attempt;
        this.startedAt = startedAt;
        this.output = new OutputBuffer(outputCapacity);
    }

    public JobId id() {
        return id;
    }

    public int attempt() {
        return attempt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public OutputBuffer output() {
        return output;
    }

    /** The OS process id, or -1 before the process has started. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** Kills the process tree, reporting the attempt as {@code reason} (TIMED_OUT or CANCELLED). */
    public void kill(JobState reason) {
        if (killedFor.compareAndSet(null, reason)) {
            Runnable k = killer;
            if (k != null) {
                k.run();
            }
        }
    }

    JobState killedFor() {
        return killedFor.get();
    }

    /** Attaches the started process; a kill requested before this point takes effect now. */
    void attach(Process p, Runnable killAction) {
        this.process = p;
        this.killer = killAction;
        if (killedFor.get() != null) {
            killAction.run();
        }
    }
}
