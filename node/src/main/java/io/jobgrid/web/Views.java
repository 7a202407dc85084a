package io.jobgrid.web;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.NodeInfo;
import io.jobgrid.api.ScheduleFire;
import io.jobgrid.api.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders API values as the JSON shapes of the REST contract; field names are part of it. */
final class Views {
    private Views() {
    }

    static Map<String, Object> job(JobRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().value());
        m.put("name", r.spec().name());
        m.put("state", r.state().name());
        m.put("attempt", r.attempt());
        m.put("node", r.node());
        m.put("exitCode", r.exitCode());
        m.put("error", r.error());
        m.put("createdAt", time(r.createdAt()));
        m.put("queuedAt", time(r.queuedAt()));
        m.put("startedAt", time(r.startedAt()));
        m.put("finishedAt", time(r.finishedAt()));
        m.put("retryAt", time(r.notBefore()));
        m.put("parents", ids(r.parents()));
        m.put("children", ids(r.children()));
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (Attempt a : r.attempts()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("attempt", a.attempt());
            am.put("node", a.node());
            am.put("startedAt", time(a.startedAt()));
            am.put("finishedAt", time(a.finishedAt()));
            am.put("outcome", a.outcome() == null ? "RUNNING" : a.outcome());
            am.put("exitCode", a.exitCode());
            am.put("error", a.error());
            attempts.add(am);
        }
        m.put("attempts", attempts);
        m.put("array", r.spec().array() == null ? null
                : Map.of("id", r.spec().array().array().value(), "index", r.spec().array().index()));
        m.put("spec", spec(r.spec()));
        if (r.spec().hasTask()) {
            m.put("result", result(r.result()));
        }
        ScheduleFire.of(r).ifPresent(f -> {
            m.put("schedule", f.schedule());
            m.put("fireTime", time(f.fireTime()));
        });
        return m;
    }

    /**
     * A Java task's result: its exception, or its value when that is a string, number or boolean
     * (read back with only those classes allowed); any other value is shown by its size.
     */
    private static Map<String, Object> result(TaskResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", t == null || t.value() == null ? null : Scalars.read(t.value()));
        m.put("valueBytes", t == null || t.value() == null ? null : t.value().length);
        m.put("errorType", t == null ? null : t.errorType());
        m.put("errorMessage", t == null ? null : t.errorMessage());
        m.put("stackTrace", t == null ? null : t.stackTrace());
        return m;
    }

    /** A job as a vertex of its DAG: enough to draw the graph with live states. */
    static Map<String, Object> dagNode(JobRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().value());
        m.put("name", r.spec().name());
        m.put("state", r.state().name());
        m.put("node", r.node());
        m.put("exitCode", r.exitCode());
        m.put("error", r.error());
        m.put("parents", ids(r.parents()));
        m.put("children", ids(r.children()));
        return m;
    }

    static Map<String, Object> spec(JobSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.hasTask()) {
            m.put("task", s.task().type());
            m.put("args", s.task().args());
        } else if (s.shell() != null) {
            m.put("shell", s.shell());
        } else {
            m.put("command", s.command());
        }
        m.put("env", s.env());
        m.put("workdir", s.workdir());
        m.put("timeoutSeconds", seconds(s.timeout()));
        m.put("maxAttempts", s.maxAttempts());
        m.put("backoff", Map.of("initialSeconds", seconds(s.backoff().initial()), "factor", s.backoff().factor(),
                "maxSeconds", seconds(s.backoff().max())));
        m.put("constraints", s.constraints());
        m.put("name", s.name());
        m.put("idempotencyKey", s.idempotencyKey());
        m.put("dependsOn", ids(s.dependsOn()));
        m.put("priority", s.priority());
        m.put("concurrencyKey", s.concurrencyKey());
        m.put("startWithin", s.startWithin() == null ? null : s.startWithin().toString());
        return m;
    }

    static Map<String, Object> node(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("id", n.id());
        m.put("address", n.address());
        m.put("httpUrl", n.httpUrl());
        m.put("tags", n.tags());
        m.put("slots", n.slots());
        m.put("running", n.running());
        m.put("cpuLoad", n.cpuLoad());
        m.put("heapUsedBytes", n.heapUsedBytes());
        m.put("heapMaxBytes", n.heapMaxBytes());
        m.put("startedAt", time(n.startedAt()));
        m.put("updatedAt", time(n.updatedAt()));
        m.put("healthy", n.healthy());
        m.put("draining", n.draining());
        m.put("taskSlots", n.taskSlots());
        m.put("runningTasks", n.runningTasks());
        m.put("taskTypes", n.taskTypes());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("end", time(n.throughput().end()));
        t.put("intervalSeconds", n.throughput().intervalSeconds());
        t.put("finished", n.throughput().finished());
        m.put("throughput", t);
        return m;
    }

    static Map<String, Object> error(int status, String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("field", field);
        m.put("status", status);
        return m;
    }

    private static List<String> ids(List<JobId> ids) {
        return ids.stream().map(JobId::value).toList();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }
}
