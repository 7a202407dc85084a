package io.jobgrid.client;

/**
 * The one unchecked failure of the client. Its message is a sentence a person can act on (the
 * node's own error text kept verbatim); its {@link Kind} says what sort of failure it was, so a
 * console can map it to an exit code and a benchmark can decide whether to retry.
 */
public class JobgridClientException extends RuntimeException {

    /** What sort of failure: the caller's mistake, the node's refusal, or the road between them. */
    public enum Kind {
        /** The node refused the request (400, 409, 413, 422, or an unexpected status). */
        REFUSED,
        /** A value given to the client is wrong before any request: a bad URL, job id or trust store. */
        INVALID,
        /** No node answered, or it is not ready (503). */
        UNREACHABLE,
        /** The token is missing or refused, or the node's certificate is not trusted. */
        AUTH,
        /** The node knows no such job or vector (404). */
        NOT_FOUND,
        /** The calling thread was interrupted (Ctrl-C in the console). */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    private final String field;

    public JobgridClientException(Kind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public JobgridClientException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, null, cause);
    }

    /** A failure with the HTTP status the node answered and the field its error body named (or null). */
    public JobgridClientException(Kind kind, String message, int status, String field, Throwable cause) {
        super(message, cause);
        if (kind == null) {
            throw new IllegalArgumentException("a client failure needs a kind, but was null");
        }
        this.kind = kind;
        this.status = status;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the node answered, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The request field the node named in its error body, or null. */
    public String field() {
        return field;
    }
}
