package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import io.jobgrid.client.NodeView;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code top}: a live view of nodes, slots, running and queued jobs, redrawn every second on the
 * terminal's alternate screen until a key is pressed. Piped, or with {@code --once}, it prints one
 * frame. It reads the REST API on every redraw; the cluster's event stream makes it redraw as soon
 * as a job changes state or a member comes or goes, not only on the interval's tick.
 */
@Component
public class TopCommand {
    private static final int LIST_LIMIT = 50;
    /** The soonest a grid event redraws the view after the last redraw. */
    private static final Duration EAGER = Duration.ofMillis(250);

    private final Session session;
    private final JobgridClient grid;

    public TopCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "top", group = "Grid",
            description = "Live view of nodes, slots, running and queued jobs",
            help = """
                    top - Live view of nodes, slots, running and queued jobs

                    USAGE
                      top [--interval DURATION] [--once] [--output json]

                    OPTIONS
                      -i, --interval DURATION  time between refreshes (default 1s)
                          --once               print one frame and return
                      -o, --output FORMAT      table (default) or json

                    EXAMPLES
                      top
                      top --interval 5s
                      top --once
                      top --output json""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void top(
            @Option(longName = "interval", shortName = 'i',
                    description = "time between refreshes (default 1s)") String intervalGiven,
            @Option(longName = "once", description = "print one frame and return", defaultValue = "false") boolean once,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        Duration interval = DagCommand.interval(intervalGiven);
        if (out.json()) {
            Map<String, JsonNode> snapshot = new LinkedHashMap<>();
            snapshot.put("nodes", grid.nodesJson());
            snapshot.put("running", grid.jobsJson(JobQuery.inState("RUNNING", LIST_LIMIT)));
            snapshot.put("queued", grid.jobsJson(JobQuery.inState("QUEUED", LIST_LIMIT)));
            out.printJson(snapshot);
            return;
        }
        Optional<Terminal> terminal = session.terminal();
        if (once || !out.screen().live() || terminal.isEmpty()) {
            Frame frame = frame(true);
            render(frame, out.screen(), 0).forEach(out.screen().out()::println);
            out.screen().out().flush();
            return;
        }
        live(terminal.get(), out.screen(), interval);
    }

    private void live(Terminal terminal, Screen screen, Duration interval) {
        Attributes saved = terminal.enterRawMode();
        screen.out().print("\u001B[?1049h\u001B[?25l"); // alternate screen, hide cursor
        try (GridChanges changes = GridChanges.follow(grid)) {
            NonBlockingReader keys = terminal.reader();
            while (true) {
                Screen sized = new Screen(screen.out(), screen.style(), terminal.getWidth(), true);
                StringBuilder sb = new StringBuilder("\u001B[H");
                for (String line : render(frame(false), sized, terminal.getHeight() - 1)) {
                    sb.append(line).append("\u001B[K\n");
                }
                screen.out().print(sb.append("\u001B[J"));
                screen.out().flush();
                if (!awaitChangeOrTick(keys, changes, interval)) {
                    return; // any key (or end of input) quits
                }
            }
        } catch (IOException interrupted) {
            // Ctrl-C or a closed terminal: leave the view
        } finally {
            screen.out().print("\u001B[?25h\u001B[?1049l");
            screen.out().flush();
            terminal.setAttributes(saved);
        }
    }

    /**
     * Waits for the next redraw: an event from the grid (a job changed state, a member came or
     * went), at most every {@link #EAGER} so a burst of events does not flood the node with reads,
     * or the interval's tick. False when a key was pressed.
     */
    private static boolean awaitChangeOrTick(NonBlockingReader keys, GridChanges changes, Duration interval)
            throws IOException {
        long start = System.nanoTime();
        while (true) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            long slice = Math.min(EAGER.toMillis(), Math.max(1, interval.toMillis() - waited));
            if (keys.read(slice) != NonBlockingReader.READ_EXPIRED) {
                return false;
            }
            waited = (System.nanoTime() - start) / 1_000_000;
            if (waited >= interval.toMillis() || changes.takeChanged()) {
                return true;
            }
        }
    }

    /** What one refresh shows. */
    record Frame(List<NodeView> nodes, List<JobView> running, List<JobView> queued, String problem) {
    }

    /** Reads the grid; inside the live view a failure is shown in the frame, not thrown. */
    Frame frame(boolean strict) {
        try {
            List<NodeView> nodes = Json.list(grid.nodesJson(), NodeView.class);
            nodes.sort(Comparator.comparing(NodeView::name, Comparator.nullsLast(Comparator.naturalOrder())));
            return new Frame(nodes, Json.list(grid.jobsJson(JobQuery.inState("RUNNING", LIST_LIMIT)), JobView.class),
                    Json.list(grid.jobsJson(JobQuery.inState("QUEUED", LIST_LIMIT)), JobView.class), null);
        } catch (JobgridClientException e) {
            if (strict) {
                throw e;
            }
            return new Frame(List.of(), List.of(), List.of(), e.getMessage());
        }
    }

    /** The frame as lines, cut to {@code height} when it is positive. */
    List<String> render(Frame f, Screen screen, int height) {
        Style style = screen.style();
        Instant now = session.clock().instant();
        int slots = f.nodes().stream().mapToInt(NodeView::slots).sum();
        int busy = f.nodes().stream().mapToInt(NodeView::running).sum();
        String clock = LocalTime.ofInstant(now, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("jobgrid " + grid.target().authority()) + "  " + f.nodes().size() + " nodes  "
                + busy + "/" + slots + " slots busy  " + f.running().size() + " running  " + f.queued().size()
                + " queued  " + style.dim(clock + (screen.live() ? "  (any key quits)" : "")));
        if (f.problem() != null) {
            lines.add(style.red(f.problem()));
        }
        lines.add("");
        lines.addAll(Views.nodes(f.nodes(), now, style).render(screen.width(), style));
        section(lines, "RUNNING", f.running(), now, screen);
        section(lines, "QUEUED", f.queued(), now, screen);
        return height > 0 && lines.size() > height ? lines.subList(0, height) : lines;
    }

    private static void section(List<String> lines, String title, List<JobView> jobs, Instant now, Screen screen) {
        lines.add("");
        lines.add(screen.style().bold(title + " (" + jobs.size() + (jobs.size() >= LIST_LIMIT ? "+" : "") + ")"));
        if (!jobs.isEmpty()) {
            lines.addAll(Views.jobs(jobs, now, screen.style()).render(screen.width(), screen.style()));
        }
    }
}

