package io.jobgrid.api;

/** The one unchecked root of every error jobgrid raises on purpose. */
public class JobGridException extends RuntimeException {
    public JobGridException(String message) {
        super(message);
    }

    public JobGridException(String message, Throwable cause) {
        super(message, cause);
    }
}
