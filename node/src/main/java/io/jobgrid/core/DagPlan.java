package io.jobgrid.core;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.TooLargeException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DAG request checked before anything is stored: unique keys, known edges, no self-edges, no
 * cycles. Yields the jobs in an order where every parent comes before its children.
 */
final class DagPlan {
    static final int MAX_JOBS = 20_000;

    private final List<DagJob> ordered;
    private final Map<String, List<String>> children = new HashMap<>();

    private DagPlan(List<DagJob> ordered) {
        this.ordered = ordered;
        for (DagJob job : ordered) {
            for (String parent : job.after()) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(job.key());
            }
        }
    }

    static DagPlan of(List<DagJob> jobs) {
        checkSize(jobs);
        Map<String, DagJob> byKey = byUniqueKey(jobs);
        checkEdges(jobs, byKey);
        return new DagPlan(topological(byKey));
    }

    private static void checkSize(List<DagJob> jobs) {
        if (jobs == null || jobs.isEmpty()) {
            throw new InvalidInputException("jobs", "a DAG needs at least one job, but had none");
        }
        if (jobs.size() > MAX_JOBS) {
            throw new TooLargeException("jobs", "a DAG may have at most " + MAX_JOBS + " jobs, but had " + jobs.size());
        }
    }

    /** The jobs by key, in request order, each key checked and unique. */
    private static Map<String, DagJob> byUniqueKey(List<DagJob> jobs) {
        Map<String, DagJob> byKey = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            DagJob job = jobs.get(i);
            String field = "jobs[" + i + "]";
            if (job.key() == null || job.key().isBlank() || job.key().length() > 128) {
                throw new InvalidInputException(field + ".key", field + ".key must be 1 to 128 characters, but was '"
                        + job.key() + "'");
            }
            if (job.spec().idempotencyKey() != null) {
                throw new InvalidInputException(field + ".spec.idempotencyKey",
                        "idempotencyKey is not supported for jobs inside a DAG, but job '" + job.key() + "' has one");
            }
            if (byKey.put(job.key(), job) != null) {
                throw new InvalidInputException(field + ".key", "duplicate key '" + job.key() + "'");
            }
        }
        return byKey;
    }

    /** Every edge leads from another job of the same request. */
    private static void checkEdges(List<DagJob> jobs, Map<String, DagJob> byKey) {
        for (int i = 0; i < jobs.size(); i++) {
            DagJob job = jobs.get(i);
            for (String parent : job.after()) {
                if (parent.equals(job.key())) {
                    throw new InvalidInputException("jobs[" + i + "].after", "job '" + job.key() + "' runs after itself");
                }
                if (!byKey.containsKey(parent)) {
                    throw new InvalidInputException("jobs[" + i + "].after", "job '" + job.key()
                            + "' runs after unknown key '" + parent + "'");
                }
            }
        }
    }

    /** Kahn's algorithm; what is left over lies on a cycle, which is named. */
    private static List<DagJob> topological(Map<String, DagJob> byKey) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> kids = new HashMap<>();
        for (DagJob job : byKey.values()) {
            waiting.put(job.key(), new java.util.HashSet<>(job.after()).size());
            for (String parent : new java.util.LinkedHashSet<>(job.after())) {
                kids.computeIfAbsent(parent, k -> new ArrayList<>()).add(job.key());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((k, n) -> {
            if (n == 0) {
                ready.add(k);
            }
        });
        List<DagJob> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String key = ready.poll();
            order.add(byKey.get(key));
            for (String kid : kids.getOrDefault(key, List.of())) {
                if (waiting.merge(kid, -1, Integer::sum) == 0) {
                    ready.add(kid);
                }
            }
        }
        if (order.size() < byKey.size()) {
            throw new InvalidInputException("jobs", "the DAG has a cycle through " + cycle(byKey, waiting));
        }
        return order;
    }

    private static String cycle(Map<String, DagJob> byKey, Map<String, Integer> waiting) {
        String start = waiting.entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
        List<String> path = new ArrayList<>();
        String at = start;
        while (!path.contains(at)) {
            path.add(at);
            final String current = at;
            at = byKey.get(current).after().stream().filter(p -> waiting.getOrDefault(p, 0) > 0).findFirst()
                    .orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        java.util.Collections.reverse(loop);
        return String.join(" -> ", loop);
    }

    List<DagJob> ordered() {
        return ordered;
    }

    List<String> childrenOf(String key) {
        return children.getOrDefault(key, List.of());
    }
}
