package io.jobgrid.execution;

import io.jobgrid.api.JobState;

/**
 * How an attempt ended: SUCCEEDED (exit 0), FAILED (non-zero exit or could not start),
 * TIMED_OUT or CANCELLED (killed on request). {@code exitCode} is null when there was none.
 */
public record RunResult(JobState outcome, Integer exitCode, String error) {
    public static RunResult exited(int code) {
        return code == 0 ? new RunResult(JobState.SUCCEEDED, 0, null)
                : new RunResult(JobState.FAILED, code, "exited with code " + code);
    }
}
