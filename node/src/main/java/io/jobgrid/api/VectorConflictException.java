package io.jobgrid.api;


/**
 * A vector operation refused or stopped because of the vector's state: it already exists, another
 * update is running on it, it changed during a read, or an earlier update was interrupted and
 * must be re-run first. Rendered as 409 Conflict.
 */
public class VectorConflictException extends JobGridException {
    public VectorConflictException(String message) {
        super(message);
    }

    public VectorConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
