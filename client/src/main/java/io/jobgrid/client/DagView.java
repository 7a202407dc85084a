package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph around a job as {@code GET /api/v1/jobs/{id}/dag} returns it: every job reachable up
 * and down from {@code root}, with its state at the moment of the walk.
 *
 * @param complete true when every job in it has ended
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DagView(String root, boolean complete, List<Job> jobs) {

    /** One job of the graph and its edges. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(String id, String name, String state, String node, Integer exitCode, String error,
                      List<String> parents, List<String> children) {
        public Job {
            if (id == null) {
                throw new IllegalArgumentException("a job of a DAG has an id, but it was missing");
            }
            parents = parents == null ? List.of() : List.copyOf(parents);
            children = children == null ? List.of() : List.copyOf(children);
        }

        public boolean terminal() {
            return JobView.isTerminal(state);
        }
    }

    public DagView {
        if (root == null) {
            throw new IllegalArgumentException("a DAG view names the job it was walked from, but root was missing");
        }
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /** The jobs by id, in the order the node listed them. */
    public Map<String, Job> byId() {
        Map<String, Job> map = new LinkedHashMap<>();
        jobs.forEach(j -> map.put(j.id(), j));
        return map;
    }

    /** The ids below {@code id}, each once, breadth first. */
    public Set<String> descendants(String id) {
        Map<String, Job> byId = byId();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(byId.containsKey(id) ? byId.get(id).children() : List.of());
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (seen.add(next) && byId.containsKey(next)) {
                todo.addAll(byId.get(next).children());
            }
        }
        return seen;
    }

    /** Jobs with no parent inside the graph: where a drawing starts. */
    public List<Job> sources() {
        Map<String, Job> byId = byId();
        List<Job> out = new ArrayList<>();
        for (Job j : jobs) {
            if (j.parents().stream().noneMatch(byId::containsKey)) {
                out.add(j);
            }
        }
        return out;
    }

    /** How many jobs are in each state, in a fixed order of states. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("SUCCEEDED", "RUNNING", "QUEUED", "WAITING", "FAILED", "TIMED_OUT", "CANCELLED",
                "SKIPPED")) {
            long n = jobs.stream().filter(j -> s.equals(j.state())).count();
            if (n > 0) {
                counts.put(s, n);
            }
        }
        return counts;
    }
}
