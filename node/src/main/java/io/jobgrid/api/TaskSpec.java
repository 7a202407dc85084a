package io.jobgrid.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The program of a Java-task job: either a task type registered by name with its string
 * arguments ({@code code} null), or a {@link Task} object, Java-serialized ({@code type} is then
 * its class name, {@code args} empty).
 */
public record TaskSpec(String type, Map<String, String> args, byte[] code) implements Serializable {
    /** A serialized task may be at most this big. */
    public static final int MAX_CODE_BYTES = 1024 * 1024;
    public static final int MAX_ARGS = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-$]{0,511}");
    private static final Pattern ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");
    /** Where a code task's route key starts, so it never meets a task name. */
    private static final String CLASS_ROUTE = "class:";

    public TaskSpec {
        if (type == null || !NAME.matcher(type).matches()) {
            throw new InvalidInputException("task", "task must name a task type (" + NAME + "), but was '" + type + "'");
        }
        args = checkArgs(args);
        if (code != null && code.length > MAX_CODE_BYTES) {
            throw new TooLargeException("task", "a serialized task may be at most " + MAX_CODE_BYTES
                    + " bytes, but was " + code.length);
        }
        if (code != null && !args.isEmpty()) {
            throw new InvalidInputException("args", "a task object takes no args, but had " + args.keySet());
        }
    }

    /** The task type registered as {@code name}, with {@code args}. */
    public static TaskSpec named(String name, Map<String, String> args) {
        return new TaskSpec(name, args, null);
    }

    /** {@code task} itself, serialized now: later changes to it do not reach the grid. */
    public static TaskSpec of(Task<?> task) {
        Objects.requireNonNull(task, "task");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new InvalidInputException("task", "a task and everything it holds must be Serializable, but "
                    + e.getMessage() + " is not (a lambda or inner class captures its surroundings: use a class)");
        } catch (IOException e) {
            throw new InvalidInputException("task", "the task could not be serialized: " + e);
        }
        return new TaskSpec(task.getClass().getName(), Map.of(), bytes.toByteArray());
    }

    /** True for a task type registered by name; false for a serialized task object. */
    public boolean named() {
        return code == null;
    }

    /**
     * What a node must have to run it: the type's name, or {@code class:} and the task's class
     * name. Work queues are kept per route, and a node serves only the routes it has.
     */
    public String route() {
        return named() ? type : CLASS_ROUTE + type;
    }

    /** The class name of a {@link #route()} of a task object, or null for a named type. */
    public static String classOf(String route) {
        return route.startsWith(CLASS_ROUTE) ? route.substring(CLASS_ROUTE.length()) : null;
    }

    private static Map<String, String> checkArgs(Map<String, String> args) {
        if (args == null || args.isEmpty()) {
            return Map.of();
        }
        if (args.size() > MAX_ARGS) {
            throw new TooLargeException("args", "args may have at most " + MAX_ARGS + " entries, but had " + args.size());
        }
        Map<String, String> copy = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (e.getKey() == null || !ARG.matcher(e.getKey()).matches()) {
                throw new InvalidInputException("args", "arg names must match " + ARG + ", but was '" + e.getKey() + "'");
            }
            if (e.getValue() == null) {
                throw new InvalidInputException("args." + e.getKey(), "args." + e.getKey() + " must be a value, but was null");
            }
            total += e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            copy.put(e.getKey(), e.getValue());
        }
        if (total > JobSpec.MAX_TEXT_BYTES) {
            throw new TooLargeException("args", "args may total at most " + JobSpec.MAX_TEXT_BYTES + " bytes, but was "
                    + total);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSpec t && type.equals(t.type) && args.equals(t.args) && Arrays.equals(code, t.code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, args) * 31 + Arrays.hashCode(code);
    }

    @Override
    public String toString() {
        return "TaskSpec[" + type + (named() ? " " + args : ", " + code.length + " bytes") + "]";
    }
}
