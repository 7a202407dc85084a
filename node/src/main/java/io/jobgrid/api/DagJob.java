package io.jobgrid.api;

import java.util.List;

/**
 * One job of a DAG submitted in a single request: a key naming it within the request, its spec,
 * and the keys of the jobs it runs after.
 */
public record DagJob(String key, JobSpec spec, List<String> after) {
    public DagJob {
        after = after == null ? List.of() : List.copyOf(after);
    }
}
