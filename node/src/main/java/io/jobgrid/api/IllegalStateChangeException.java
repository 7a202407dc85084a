package io.jobgrid.api;

/** A state change the job's state machine refuses, e.g. cancelling a job that already succeeded. */
public class IllegalStateChangeException extends JobGridException {
    private final JobId id;
    private final JobState from;
    private final JobState to;

    public IllegalStateChangeException(JobId id, JobState from, JobState to) {
        super("Job " + id + " cannot move from " + from + " to " + to);
        this.id = id;
        this.from = from;
        this.to = to;
    }

    public JobId id() {
        return id;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
