package io.jobgrid.api;

/** Input that cannot be accepted; names the offending field. Nothing was stored. */
public class InvalidInputException extends JobGridException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON/spec field at fault, e.g. {@code env.PATH} or {@code timeoutSeconds}; may be null. */
    public String field() {
        return field;
    }
}
