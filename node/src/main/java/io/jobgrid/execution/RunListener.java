package io.jobgrid.execution;

/** Receives what a running attempt produces. Called from the attempt's own thread. */
public interface RunListener {
    /** Output is waiting in the attempt's buffer; take it when convenient. */
    default void outputReady(RunningProcess run) {
    }

    /** The attempt is over (exited, timed out, or was killed); called exactly once. */
    void finished(RunningProcess run, RunResult result);
}
