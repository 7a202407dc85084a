package io.jobgrid.api;

/** An id or name that the grid does not know. */
public class NotFoundException extends JobGridException {
    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException job(JobId id) {
        return new NotFoundException("Job " + id + " does not exist");
    }
}
