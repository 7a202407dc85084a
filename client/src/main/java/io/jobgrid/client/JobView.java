package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A job record as {@code GET /api/v1/jobs/{id}} returns it (SPEC.md section 3), and as every
 * element of {@code GET /api/v1/jobs} and the answer of a cancel.
 *
 * @param attempt the current attempt, 0 before the first starts
 * @param retryAt when a job waiting to be retried may run again, else null
 * @param array   the job array the job belongs to and its index there, or null
 * @param spec    the job spec as the node renders it (command or shell, env, timeoutSeconds, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobView(
        String id,
        String name,
        String state,
        int attempt,
        String node,
        Integer exitCode,
        String error,
        Instant createdAt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant retryAt,
        List<String> parents,
        List<String> children,
        List<AttemptView> attempts,
        ArrayRef array,
        JsonNode spec) {

    /** A job's place in its job array: the array's id and the job's index (0 to count - 1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArrayRef(String id, int index) {
    }

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED");

    public JobView {
        if (id == null || state == null) {
            throw new IllegalArgumentException("a job record has an id and a state, but was " + id + ", " + state);
        }
        parents = parents == null ? List.of() : List.copyOf(parents);
        children = children == null ? List.of() : List.copyOf(children);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** True for the states a job never leaves: SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED. */
    public static boolean isTerminal(String state) {
        return state != null && TERMINAL.contains(state);
    }

    public boolean terminal() {
        return isTerminal(state);
    }

    /** What the job runs, as a person would type it: the shell script, or the argv joined. */
    public String commandLine() {
        if (spec == null) {
            return "";
        }
        JsonNode shell = spec.get("shell");
        if (shell != null && !shell.isNull()) {
            return shell.asText();
        }
        List<String> argv = new ArrayList<>();
        JsonNode command = spec.get("command");
        if (command != null && command.isArray()) {
            command.forEach(a -> argv.add(a.asText()));
        }
        return String.join(" ", argv);
    }

    /** The job's priority, 0 to 100 (50 when the spec does not say: a node older than priorities). */
    public int priority() {
        JsonNode n = spec == null ? null : spec.get("priority");
        return n == null || !n.canConvertToInt() ? 50 : n.asInt();
    }

    /** Attempts allowed in all (1 when the spec does not say). */
    public int maxAttempts() {
        JsonNode n = spec == null ? null : spec.get("maxAttempts");
        return n == null || !n.canConvertToInt() ? 1 : n.asInt();
    }
}
