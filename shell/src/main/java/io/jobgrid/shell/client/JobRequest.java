package io.jobgrid.shell.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/jobs}. Absent fields are left out so the node applies its own
 * defaults; the node checks every field, the console only shapes them.
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
        String workdir) {
}
