package io.jobgrid.shell;

import io.jobgrid.client.JobgridClientException;

/**
 * The one root of the console's failures. Its message is what the person sees, whole sentences
 * that name the bad value; its exit code is what a script sees. Never shown with a stack trace.
 */
public class ShellException extends RuntimeException {
    /** The grid refused the request, or a waited-for job did not succeed. */
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int AUTH = 4;
    public static final int NOT_FOUND = 5;
    public static final int INTERRUPTED = 130;

    private final int exitCode;

    public ShellException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ShellException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The console's failure for a client's: same sentence, the exit code of its kind. */
    public static ShellException from(JobgridClientException e) {
        return new ShellException(exitCode(e.kind()), e.getMessage(), e);
    }

    /** The exit code a script sees for each kind of client failure. */
    public static int exitCode(JobgridClientException.Kind kind) {
        return switch (kind) {
            case REFUSED -> FAILED;
            case INVALID -> USAGE;
            case UNREACHABLE -> UNREACHABLE;
            case AUTH -> AUTH;
            case NOT_FOUND -> NOT_FOUND;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
