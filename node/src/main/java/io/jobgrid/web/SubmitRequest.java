package io.jobgrid.web;

import io.jobgrid.api.Backoff;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.TaskSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/jobs}, field for field; {@link #toSpec()} checks it. A Java
 * task registered by name is {@code "task"} with its {@code "args"}: strings, numbers and booleans,
 * handed to the task type as text.
 */
record SubmitRequest(
        List<String> command,
        String shell,
        Map<String, String> env,
        String workdir,
        Double timeoutSeconds,
        Integer maxAttempts,
        BackoffJson backoff,
        Map<String, String> constraints,
        String name,
        String idempotencyKey,
        List<String> dependsOn,
        String task,
        Map<String, Object> args,
        ArrayJson array,
        Integer priority,
        String concurrencyKey,
        String startWithin) {

    /** {@code {"count": N}}: submit N jobs of this spec as a job array. */
    record ArrayJson(Integer count) {
        int checkedCount() {
            if (count == null) {
                throw new InvalidInputException("array.count", "array.count is required: how many jobs the array holds");
            }
            io.jobgrid.api.JobArray.checkCount(count);
            return count;
        }
    }

    /** {@code {"initialSeconds":1,"factor":2,"maxSeconds":60}}; missing fields take their defaults. */
    record BackoffJson(Double initialSeconds, Double factor, Double maxSeconds) {
        Backoff toBackoff() {
            Backoff d = Backoff.DEFAULT;
            return new Backoff(initialSeconds == null ? d.initial() : seconds("backoff.initialSeconds", initialSeconds),
                    factor == null ? d.factor() : factor,
                    maxSeconds == null ? d.max() : seconds("backoff.maxSeconds", maxSeconds));
        }
    }

    /** The spec of one job; an array is refused (batches, DAGs and schedules name single jobs). */
    JobSpec toSpec() {
        if (array != null) {
            throw new InvalidInputException("array", "array makes a job array and is taken only by POST /api/v1/jobs");
        }
        return specOfEach();
    }

    /** The spec, without looking at {@code array}: for an array, the spec of each of its jobs. */
    JobSpec specOfEach() {
        if (args != null && task == null) {
            throw new InvalidInputException("args", "args are the arguments of a named task, but 'task' was not given");
        }
        List<JobId> parents = null;
        if (dependsOn != null) {
            parents = new ArrayList<>();
            for (int i = 0; i < dependsOn.size(); i++) {
                String text = dependsOn.get(i);
                try {
                    parents.add(JobId.parse(text));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("dependsOn[" + i + "]", "dependsOn[" + i + "]: " + e.getMessage());
                }
            }
        }
        return JobSpec.builder().command(command).shell(shell).env(env).workdir(workdir)
                .timeout(timeoutSeconds == null ? null : seconds("timeoutSeconds", timeoutSeconds))
                .maxAttempts(maxAttempts == null ? 1 : maxAttempts)
                .backoff(backoff == null ? null : backoff.toBackoff())
                .constraints(constraints).name(name).idempotencyKey(idempotencyKey).dependsOn(parents)
                .priority(priority).concurrencyKey(concurrencyKey).startWithin(duration("startWithin", startWithin))
                .task(task == null ? null : TaskSpec.named(task, textArgs())).build();
    }

    /** An ISO-8601 duration such as {@code PT10M}; null or absent: none. Its range is the spec's to check. */
    static Duration duration(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 duration such as PT10M, but was '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }

    private Map<String, String> textArgs() {
        if (args == null) {
            return null;
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new InvalidInputException("args." + e.getKey(), "args." + e.getKey()
                        + " must be a string, number or boolean, but was " + (v == null ? "null" : "an object or array"));
            }
            out.put(e.getKey(), v.toString());
        }
        return out;
    }

    static Duration seconds(String field, double value) {
        if (!Double.isFinite(value) || value < 0 || value > 1e9) {
            throw new InvalidInputException(field, field + " must be a non-negative number of seconds, but was " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
