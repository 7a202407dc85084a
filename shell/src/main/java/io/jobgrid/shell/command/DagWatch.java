package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.DagView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import org.jline.terminal.Terminal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows the DAG around a job: once, or (following) redrawn in place on a terminal every interval
 * until every job in it has ended. Piped output that follows prints only the final tree. Shared by
 * {@code dag ID} and {@code dag submit --watch}.
 */
final class DagWatch {
    private final JobgridClient grid;
    private final Session session;
    private final Duration interval;

    DagWatch(JobgridClient grid, Session session, Duration interval) {
        this.grid = grid;
        this.session = session;
        this.interval = interval;
    }

    /** Prints the DAG once as it is now. */
    void once(Screen screen, String id) {
        DagView dag = Json.view(grid.dagJson(id), DagView.class);
        frame(dag, screen, false, 0).forEach(screen.out()::println);
        screen.out().flush();
    }

    /**
     * Follows the DAG until it is complete, drawing it in place when the screen is live; then
     * prints it (or, for {@code json}, the node's JSON) and fails unless every job succeeded.
     */
    void follow(Screen screen, String id, boolean json) {
        JsonNode raw = grid.dagJson(id);
        DagView dag = Json.view(raw, DagView.class);
        boolean live = screen.live() && !json;
        int drawn = 0;
        while (!dag.complete()) {
            if (live) {
                drawn = redraw(screen, frame(dag, screen, true, height()), drawn);
            }
            pause();
            try {
                raw = grid.dagJson(id);
                dag = Json.view(raw, DagView.class);
            } catch (JobgridClientException e) {
                if (e.kind() == JobgridClientException.Kind.INTERRUPTED || !live) {
                    throw e;
                }
                redraw(screen, List.of(screen.style().red(e.getMessage())), 0); // shown below the tree; retried
                drawn = drawn + 1;
            }
        }
        if (json) {
            screen.println(raw.toPrettyString());
        } else {
            redraw(screen, frame(dag, screen, false, 0), live ? drawn : 0);
        }
        List<String> bad = dag.jobs().stream().filter(j -> !"SUCCEEDED".equals(j.state()))
                .map(j -> (j.name() == null ? j.id() : j.name() + " (" + j.id() + ")") + " " + j.state()).toList();
        if (!bad.isEmpty()) {
            throw new ShellException(ShellException.FAILED, bad.size() + " of " + dag.jobs().size()
                    + " jobs did not succeed: " + String.join(", ", bad));
        }
    }

    /** The header line and the tree, cut to the screen's height when {@code height} is positive. */
    private List<String> frame(DagView dag, Screen screen, boolean following, int height) {
        Style style = screen.style();
        List<String> lines = new ArrayList<>();
        String state = following ? style.dim("  refreshing every " + io.jobgrid.shell.render.Times.duration(interval)
                + "; Ctrl-C stops watching, the jobs go on") : dag.complete() ? style.dim("  all ended") : "";
        lines.add(Style.cut(style.bold("DAG of " + dag.root()) + "  " + DagDrawing.summary(dag, style) + state,
                screen.width()));
        lines.addAll(DagDrawing.lines(dag, style, screen.width()));
        if (height > 1 && lines.size() > height - 1) {
            int hidden = lines.size() - (height - 2);
            lines = new ArrayList<>(lines.subList(0, height - 2));
            lines.add(style.dim("… " + hidden + " more lines (the whole tree is printed when every job has ended)"));
        }
        return lines;
    }

    /** Draws {@code lines} over the {@code previous} lines drawn last time; returns how many it drew. */
    private static int redraw(Screen screen, List<String> lines, int previous) {
        StringBuilder sb = new StringBuilder();
        if (previous > 0 && screen.live()) {
            sb.append("\r\u001B[").append(previous).append('A');
        }
        for (String line : lines) {
            sb.append(line).append(screen.live() ? "\u001B[K\n" : "\n");
        }
        if (screen.live()) {
            sb.append("\u001B[J");
        }
        screen.out().print(sb);
        screen.out().flush();
        return lines.size();
    }

    private int height() {
        return session.terminal().map(Terminal::getHeight).orElse(0);
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(ShellException.INTERRUPTED, "Stopped watching the DAG (Ctrl-C); the jobs go on.");
        }
    }
}
