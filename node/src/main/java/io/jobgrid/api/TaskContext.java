package io.jobgrid.api;

/** What a running {@link Task} may ask of the grid about its own attempt. */
public interface TaskContext {
    JobId jobId();

    /** The attempt running now, from 1. */
    int attempt();

    /**
     * The job's array and its index there (0 to count - 1) when it is one of a job array
     * ({@link Jobs#submitArray}), as a shell job sees {@code JOBGRID_ARRAY_INDEX}; else null.
     * A default, so that contexts written before arrays existed (a test's own) still compile.
     */
    default ArrayMember array() {
        return null;
    }

    /** True once this attempt was cancelled, timed out or handed away; the thread is interrupted too. */
    boolean cancelled();

    /** Appends {@code line} (and a newline) to this attempt's output, read like a shell job's. */
    void log(String line);

    /** The jobs API of the node running the task, to submit child jobs (shell or Java) and read others. */
    Jobs jobs();
}
