package io.jobgrid.shell.command;

import io.jobgrid.client.AttemptView;
import io.jobgrid.client.JobView;
import io.jobgrid.client.NodeView;
import io.jobgrid.shell.render.Style;
import io.jobgrid.shell.render.Table.Cell;
import io.jobgrid.shell.render.Table;
import io.jobgrid.shell.render.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How jobs and nodes look in tables and in detail; shared by jobs, job, nodes, top and wait. */
final class Views {
    /** A node whose load report is older than this is shown as stale. */
    static final Duration STALE = Duration.ofSeconds(15);

    private Views() {
    }

    static Table jobs(List<JobView> jobs, Instant now, Style style) {
        Table t = new Table().column("ID").shrinkable("NAME").column("STATE").shrinkable("NODE").numeric("TRY")
                .numeric("EXIT").column("AGE").column("TOOK").flexible("COMMAND");
        for (JobView j : jobs) {
            t.row(j.id(), dash(j.name()), new Cell(j.state(), style::state), dash(j.node()),
                    j.attempt() + "/" + j.maxAttempts(), j.exitCode() == null ? "-" : j.exitCode(),
                    Times.ago(j.createdAt(), now), Times.between(j.startedAt(), j.finishedAt(), now), j.commandLine());
        }
        return t;
    }

    static Table nodes(List<NodeView> nodes, Instant now, Style style) {
        Table t = new Table().column("NAME").column("STATUS").numeric("SLOTS").numeric("CPU").numeric("HEAP")
                .column("UP").column("SEEN").shrinkable("URL").flexible("TAGS");
        for (NodeView n : nodes) {
            String status = status(n, now);
            t.row(n.name(), new Cell(status, "ready".equals(status) ? style::green : style::red),
                    n.running() + "/" + n.slots(), percent(n.cpuLoad()),
                    Times.bytes(n.heapUsedBytes()) + "/" + Times.bytes(n.heapMaxBytes()),
                    Times.between(n.startedAt(), null, now), Times.ago(n.updatedAt(), now), dash(n.httpUrl()),
                    tags(n.tags()));
        }
        return t;
    }

    static String status(NodeView n, Instant now) {
        if (n.updatedAt() != null && Duration.between(n.updatedAt(), now).compareTo(STALE) > 0) {
            return "stale";
        }
        if (!n.healthy()) {
            return "unhealthy";
        }
        return n.draining() ? "draining" : "ready";
    }

    /** The detail of one job, as label/value lines, then its attempts as a table. */
    static List<String> job(JobView j, Instant now, Style style, int width) {
        List<String> lines = new ArrayList<>();
        lines.add(label("Job", style.bold(j.id()) + (j.name() == null ? "" : "  (" + j.name() + ")")));
        String exit = j.exitCode() == null ? "" : "  exit " + j.exitCode();
        lines.add(label("State", style.state(j.state()) + exit));
        lines.add(label("Command", j.commandLine()));
        lines.add(label("Node", dash(j.node())));
        lines.add(label("Attempt", j.attempt() + " of " + j.maxAttempts()));
        lines.add(label("Created", when(j.createdAt(), now)));
        lines.add(label("Started", when(j.startedAt(), now)));
        lines.add(label("Finished", when(j.finishedAt(), now)));
        lines.add(label("Took", Times.between(j.startedAt(), j.finishedAt(), now)));
        if (j.error() != null && !j.error().isBlank()) {
            lines.add(label("Error", style.red(j.error())));
        }
        lines.add(label("Parents", j.parents().isEmpty() ? "-" : String.join(", ", j.parents())));
        lines.add(label("Children", j.children().isEmpty() ? "-" : String.join(", ", j.children())));
        if (!j.attempts().isEmpty()) {
            lines.add("");
            Table t = new Table().numeric("#").shrinkable("NODE").column("STARTED").column("TOOK").column("OUTCOME")
                    .numeric("EXIT").shrinkable("ERROR");
            for (AttemptView a : j.attempts()) {
                String outcome = a.outcome() == null ? "RUNNING" : a.outcome();
                t.row(a.attempt(), dash(a.node()), Times.ago(a.startedAt(), now),
                        Times.between(a.startedAt(), a.finishedAt(), now), new Cell(outcome, style::state),
                        a.exitCode() == null ? "-" : a.exitCode(), dash(a.error()));
            }
            lines.addAll(t.render(width, style));
        }
        return lines;
    }

    private static String when(Instant at, Instant now) {
        return at == null ? "-" : Times.ago(at, now) + "  (" + at + ")";
    }

    private static String label(String label, String value) {
        return String.format("%-9s %s", label, value);
    }

    static String percent(double load) {
        return load < 0 ? "-" : Math.round(load * 100) + "%";
    }

    static String tags(Map<String, String> tags) {
        return tags.isEmpty() ? "-" : tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static String dash(Object value) {
        return value == null || value.toString().isBlank() ? "-" : value.toString();
    }
}
