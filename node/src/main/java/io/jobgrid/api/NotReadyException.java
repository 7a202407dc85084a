package io.jobgrid.api;

/** The node is not (yet, or any more) a ready member of the cluster. */
public class NotReadyException extends JobGridException {
    public NotReadyException(String message) {
        super(message);
    }
}
