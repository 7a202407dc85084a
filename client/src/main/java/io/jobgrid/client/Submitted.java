package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code POST /api/v1/jobs}: {@code {"id":"...","state":"QUEUED"}} ({@code WAITING}
 * when the job depends on others).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Submitted(String id, String state) {
    public Submitted {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a submitted job has an id, but was " + id);
        }
    }
}
