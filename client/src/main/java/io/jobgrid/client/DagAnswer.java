package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer of {@code POST /api/v1/dags}: {@code {"ids":{"<key>":"<id>",...}}}, in the order of the request. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DagAnswer(Map<String, String> ids) {
    public DagAnswer {
        ids = ids == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }
}
