package io.jobgrid.shell.command;

import io.jobgrid.client.DagView;
import io.jobgrid.shell.render.Style;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DAG drawn as a tree, from the jobs without parents down: each job under its first parent, and
 * under any other parent as a one-line reference ({@code ↑ above}), so a diamond is drawn without
 * repeating its lower half. Columns line up: name, id, state (coloured), then node, exit code and
 * error. The job the person asked about is marked.
 */
final class DagDrawing {
    private static final String ABOVE = "↑ above";

    private DagDrawing() {
    }

    /** One drawn line before colours: tree prefix and name, id, state, and what else there is to say. */
    private record Row(String label, String id, String state, String detail, boolean reference, boolean asked) {
    }

    /** The summary line: "4 jobs: 2 SUCCEEDED, 1 RUNNING, 1 WAITING". */
    static String summary(DagView dag, Style style) {
        StringBuilder sb = new StringBuilder(dag.jobs().size() + (dag.jobs().size() == 1 ? " job" : " jobs"));
        String sep = ": ";
        for (Map.Entry<String, Long> e : dag.counts().entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(style.state(e.getKey()));
            sep = ", ";
        }
        return sb.toString();
    }

    /** The tree as lines, each cut to {@code width} columns when width is positive. */
    static List<String> lines(DagView dag, Style style, int width) {
        List<Row> rows = new ArrayList<>();
        Map<String, DagView.Job> byId = dag.byId();
        Set<String> drawn = new HashSet<>();
        for (DagView.Job source : dag.sources()) {
            walk(source, "", "", byId, drawn, rows, dag.root());
        }
        for (DagView.Job j : dag.jobs()) { // a graph with no source (never sent by a node) still shows every job
            if (!drawn.contains(j.id())) {
                walk(j, "", "", byId, drawn, rows, dag.root());
            }
        }
        int labelWidth = rows.stream().mapToInt(r -> Style.width(r.label())).max().orElse(0);
        int stateWidth = rows.stream().mapToInt(r -> r.state().length()).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            String label = pad(r.label(), labelWidth);
            String head = label + "  " + r.id() + "  ";
            int room = width <= 0 ? Integer.MAX_VALUE / 2 : width - Style.width(head) - stateWidth - 2;
            String detail = cut(r.detail(), room);
            String labelShown = r.asked() ? style.bold(label) : label;
            if (r.reference()) {
                out.add(style.dim(label + "  " + r.id() + "  " + cut(ABOVE, Math.max(room + stateWidth + 2, 0))));
            } else {
                out.add(labelShown + "  " + r.id() + "  " + (detail.isEmpty() ? style.state(r.state())
                        : style.state(r.state()) + " ".repeat(stateWidth - r.state().length()) + "  "
                        + style.dim(detail)));
            }
        }
        return out;
    }

    private static void walk(DagView.Job job, String prefix, String childPrefix, Map<String, DagView.Job> byId,
                             Set<String> drawn, List<Row> rows, String asked) {
        String name = job.name() == null || job.name().isBlank() ? "·" : job.name();
        if (!drawn.add(job.id())) {
            rows.add(new Row(prefix + name, job.id(), "", "", true, false));
            return;
        }
        rows.add(new Row(prefix + name, job.id(), job.state() == null ? "?" : job.state(), detail(job), false,
                job.id().equals(asked)));
        List<DagView.Job> children = job.children().stream().filter(byId::containsKey).map(byId::get).toList();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            walk(children.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), byId,
                    drawn, rows, asked);
        }
    }

    private static String detail(DagView.Job job) {
        List<String> parts = new ArrayList<>();
        if (job.node() != null && !job.node().isBlank()) {
            parts.add(job.node());
        }
        if (job.exitCode() != null) {
            parts.add("exit " + job.exitCode());
        }
        if (job.error() != null && !job.error().isBlank()) {
            parts.add(job.error().replace('\n', ' '));
        }
        return String.join("  ", parts);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - Style.width(s)));
    }

    private static String cut(String s, int room) {
        if (room <= 0) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= room ? s
                : s.substring(0, s.offsetByCodePoints(0, Math.max(0, room - 1))) + "…";
    }
}
