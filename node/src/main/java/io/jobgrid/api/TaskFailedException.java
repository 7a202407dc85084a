package io.jobgrid.api;

/**
 * A Java task ended without a result: it failed (its exception's type, message and stack trace are
 * here), timed out, was cancelled or skipped. The record says which.
 */
public class TaskFailedException extends JobGridException {
    private final transient JobRecord record;

    public TaskFailedException(JobRecord record) {
        super("task " + record.id() + " ended " + record.state() + " at attempt " + record.attempt()
                + (record.error() == null ? "" : ": " + record.error()));
        this.record = record;
    }

    public JobRecord record() {
        return record;
    }

    /** The class name of the exception the task threw, or null when it threw none (timed out, cancelled). */
    public String errorType() {
        return record.result() == null ? null : record.result().errorType();
    }

    /** The task's exception's stack trace as it was recorded (bounded), or null. */
    public String remoteStackTrace() {
        return record.result() == null ? null : record.result().stackTrace();
    }
}
