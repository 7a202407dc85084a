package io.jobgrid.api;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a Java task's last attempt left in its record: its result, Java-serialized, or the
 * exception it threw, as type, message and a bounded stack trace (the exception object itself is
 * not kept: its class may not exist where the record is read).
 */
public record TaskResult(byte[] value, String errorType, String errorMessage, String stackTrace)
        implements Serializable {
    /** Stack traces are cut to this many characters. */
    public static final int MAX_STACK_CHARS = 8 * 1024;
    /** Messages are cut to this many characters. */
    public static final int MAX_MESSAGE_CHARS = 4 * 1024;

    public TaskResult {
        if (value != null && errorType != null) {
            throw new IllegalArgumentException("a task result is a value or an error, not both");
        }
        if (errorMessage != null && errorMessage.length() > MAX_MESSAGE_CHARS) {
            errorMessage = errorMessage.substring(0, MAX_MESSAGE_CHARS) + "... (cut at " + MAX_MESSAGE_CHARS + " characters)";
        }
        if (stackTrace != null && stackTrace.length() > MAX_STACK_CHARS) {
            stackTrace = stackTrace.substring(0, MAX_STACK_CHARS) + "\n\t... (cut at " + MAX_STACK_CHARS + " characters)";
        }
    }

    public static TaskResult value(byte[] serialized) {
        return new TaskResult(serialized, null, null, null);
    }

    public static TaskResult error(String type, String message, String stackTrace) {
        return new TaskResult(null, type, message, stackTrace);
    }

    public boolean failed() {
        return errorType != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskResult t && Arrays.equals(value, t.value) && java.util.Objects.equals(errorType, t.errorType)
                && java.util.Objects.equals(errorMessage, t.errorMessage)
                && java.util.Objects.equals(stackTrace, t.stackTrace);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value) * 31 + java.util.Objects.hash(errorType, errorMessage, stackTrace);
    }

    @Override
    public String toString() {
        return failed() ? "TaskResult[" + errorType + ": " + errorMessage + "]"
                : "TaskResult[" + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
