package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/jobs} (and a job's {@code spec} in a DAG). Absent fields are left
 * out so the node applies its own defaults; the node checks every field, the client only shapes
 * them, except that a request must say what to run.
 *
 * @param command        the argv to run, or null when {@code shell} is given
 * @param shell          a script for {@code /bin/sh -c}, or null when {@code command} is given
 * @param timeoutSeconds whole seconds, or null for no limit
 * @param maxAttempts    attempts in all (the node's default is 1)
 * @param constraints    node tags that must match, e.g. {@code os=linux}
 * @param dependsOn      ids of the jobs this one waits for
 * @param backoff        the wait between attempts, or null for the node's default
 * @param task           a Java task type registered by name on some node, instead of command or shell
 * @param args           the named task's arguments
 * @param priority       0 to 100, higher starts first among queued jobs (the node's default is 50)
 * @param concurrencyKey the key whose cluster-wide limit the job counts against ({@link LimitClient}), or null
 * @param startWithin    queue deadline as an ISO-8601 duration ({@code PT10M}): the job is cancelled if it has
 *                       not started this long after submission; null for none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobRequest(
        List<String> command,
        String shell,
        Map<String, String> env,
        Long timeoutSeconds,
        Integer maxAttempts,
        Map<String, String> constraints,
        String name,
        String idempotencyKey,
        List<String> dependsOn,
        String workdir,
        Backoff backoff,
        String task,
        Map<String, String> args,
        Integer priority,
        String concurrencyKey,
        String startWithin) {

    public JobRequest {
        int programs = (command == null || command.isEmpty() ? 0 : 1) + (shell == null ? 0 : 1) + (task == null ? 0 : 1);
        if (programs != 1) {
            throw new IllegalArgumentException("a job request needs exactly one of command, shell and task, but was "
                    + "command=" + command + ", shell=" + shell + ", task=" + task);
        }
        args = args == null ? null : Map.copyOf(args);
        command = command == null ? null : List.copyOf(command);
        env = env == null ? null : Map.copyOf(env);
        constraints = constraints == null ? null : Map.copyOf(constraints);
        dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    }

    /** A request without a concurrency key or a queue deadline. */
    public JobRequest(List<String> command, String shell, Map<String, String> env, Long timeoutSeconds,
                      Integer maxAttempts, Map<String, String> constraints, String name, String idempotencyKey,
                      List<String> dependsOn, String workdir, Backoff backoff, String task, Map<String, String> args,
                      Integer priority) {
        this(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey, dependsOn, workdir,
                backoff, task, args, priority, null, null);
    }

    /** A request at the node's default priority. */
    public JobRequest(List<String> command, String shell, Map<String, String> env, Long timeoutSeconds,
                      Integer maxAttempts, Map<String, String> constraints, String name, String idempotencyKey,
                      List<String> dependsOn, String workdir, Backoff backoff, String task, Map<String, String> args) {
        this(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey, dependsOn, workdir,
                backoff, task, args, null);
    }

    /** A command or shell job (no task). */
    public JobRequest(List<String> command, String shell, Map<String, String> env, Long timeoutSeconds,
                      Integer maxAttempts, Map<String, String> constraints, String name, String idempotencyKey,
                      List<String> dependsOn, String workdir, Backoff backoff) {
        this(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey, dependsOn, workdir,
                backoff, null, null);
    }

    /** A Java task registered as {@code name} on some node, with {@code args}, and the node's defaults for the rest. */
    public static JobRequest task(String name, Map<String, String> args) {
        return new JobRequest(null, null, null, null, null, null, null, null, null, null, null, name, args);
    }

    /** A job running {@code script} with {@code /bin/sh -c} and the node's defaults for the rest. */
    public static JobRequest shell(String script) {
        return new JobRequest(null, script, null, null, null, null, null, null, null, null, null);
    }

    /** A job running {@code argv} and the node's defaults for the rest. */
    public static JobRequest command(String... argv) {
        return new JobRequest(List.of(argv), null, null, null, null, null, null, null, null, null, null);
    }

    /** The same request under another name. */
    public JobRequest withName(String newName) {
        return new JobRequest(command, shell, env, timeoutSeconds, maxAttempts, constraints, newName, idempotencyKey,
                dependsOn, workdir, backoff, task, args, priority, concurrencyKey, startWithin);
    }

    /** The same request at {@code newPriority} (0 to 100; null for the node's default). */
    public JobRequest withPriority(Integer newPriority) {
        return new JobRequest(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey,
                dependsOn, workdir, backoff, task, args, newPriority, concurrencyKey, startWithin);
    }

    /** The same request counted against the limit of {@code key} (null: no key). */
    public JobRequest withConcurrencyKey(String key) {
        return new JobRequest(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey,
                dependsOn, workdir, backoff, task, args, priority, key, startWithin);
    }

    /** The same request with a queue deadline ({@code PT10M}; null for none). */
    public JobRequest withStartWithin(String deadline) {
        return new JobRequest(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey,
                dependsOn, workdir, backoff, task, args, priority, concurrencyKey, deadline);
    }

    /** The same request, waiting for the jobs {@code parents}. */
    public JobRequest after(List<String> parents) {
        return new JobRequest(command, shell, env, timeoutSeconds, maxAttempts, constraints, name, idempotencyKey,
                parents, workdir, backoff, task, args, priority, concurrencyKey, startWithin);
    }

    /**
     * The wait between attempts: {@code {"initialSeconds":1,"factor":2,"maxSeconds":60}}; a null field
     * takes the node's default.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backoff(Double initialSeconds, Double factor, Double maxSeconds) {
    }
}
