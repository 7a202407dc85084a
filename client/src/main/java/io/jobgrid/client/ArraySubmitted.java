package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/jobs} with {@code "array": {"count": N}}: the array's id and
 * its jobs' ids, by index.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArraySubmitted(String id, List<String> ids) {
    public ArraySubmitted {
        if (id == null || ids == null) {
            throw new IllegalArgumentException("an array answer has an id and ids, but was " + id + ", " + ids);
        }
        ids = List.copyOf(ids);
    }
}
