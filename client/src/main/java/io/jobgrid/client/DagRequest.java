package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/dags}: {@code {"jobs":[{"key":..,"spec":{..},"after":[keys]}]}}.
 * The node stores every job or none; it checks cycles and unknown keys, the client only that keys
 * are unique.
 */
public record DagRequest(List<Entry> jobs) {
    public DagRequest {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("a DAG needs at least one job, but was " + jobs);
        }
        jobs = List.copyOf(jobs);
        Set<String> keys = new HashSet<>();
        for (Entry e : jobs) {
            if (!keys.add(e.key())) {
                throw new IllegalArgumentException("keys of a DAG are unique, but '" + e.key() + "' came twice");
            }
        }
    }

    /** One job of the DAG: its key, its spec, and the keys it waits for. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entry(String key, JobRequest spec, List<String> after) {
        public Entry {
            if (key == null || key.isBlank() || spec == null) {
                throw new IllegalArgumentException("a DAG job needs a key and a spec, but was key=" + key
                        + ", spec=" + spec);
            }
            after = after == null ? List.of() : List.copyOf(after);
        }
    }
}
