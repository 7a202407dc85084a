package io.jobgrid.core;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.TaskResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns what a task returned or threw into what its record keeps. */
final class TaskResults {
    private TaskResults() {
    }

    /** The value, Java-serialized (null too). */
    static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new InvalidInputException("result", "a task's result must be Serializable, but "
                    + (value == null ? "null" : value.getClass().getName()) + " could not be written: " + e);
        }
        return bytes.toByteArray();
    }

    /** The exception as type, message and stack trace (cut to {@link TaskResult#MAX_STACK_CHARS}). */
    static TaskResult error(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String message = e.getMessage();
        return TaskResult.error(e.getClass().getName(), message == null ? "" : message, trace.toString());
    }
}
