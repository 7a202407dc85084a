package io.jobgrid.api;

/** Input over a size bound (a script, an env map, a vector the cluster cannot hold). */
public class TooLargeException extends InvalidInputException {
    public TooLargeException(String field, String message) {
        super(field, message);
    }
}
