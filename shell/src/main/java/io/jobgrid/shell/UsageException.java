package io.jobgrid.shell;

/** The command line itself is wrong: an unknown option, a missing argument, a malformed value. */
public class UsageException extends ShellException {
    public UsageException(String message) {
        super(USAGE, message);
    }
}
