package io.jobgrid.execution;

/** Receives what a running attempt produces. Called from the attempt's own thread. */
public interface RunListener {
    /**
     * The attempt exists and is about to start; called on the caller's thread before any other
     * call, so a listener can register it before it can possibly finish.
     */
    default void starting(RunningProcess run) {
    }

    /** Output is waiting in the attempt's buffer; take it when convenient. */
    default void outputReady(RunningProcess run) {
    }

    /** The attempt is over (exited, timed out, or was killed); called exactly once. */
    void finished(RunningProcess run, RunResult result);
}
