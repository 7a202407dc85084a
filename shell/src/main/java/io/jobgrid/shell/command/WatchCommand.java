package io.jobgrid.shell.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code watch}: the cluster's live events ({@code GET /api/v1/events}, Server-Sent Events), one
 * line each: job state changes and members joining or leaving, from any node, until Ctrl-C (or
 * {@code --count} events). {@code --output json} prints each event's JSON on its own line.
 */
@Component
public class WatchCommand {
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final Session session;
    private final JobgridClient grid;

    public WatchCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "watch", group = "Grid",
            description = "Live events: job state changes and members, until Ctrl-C",
            help = """
                    watch - Live events: job state changes and members, until Ctrl-C

                    USAGE
                      watch [--job ID]... [--name NAME] [--state STATE] [--count N] [--output json]

                    OPTIONS
                      -j, --job ID         only events of this job (repeatable)
                      -n, --name NAME      only events of jobs with this name
                      -s, --state STATE    only job events that reach this state
                      -c, --count N        stop after N events (default: until Ctrl-C)
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      watch
                      watch --state FAILED
                      watch --job 0HBXQ4K7M2N9P
                      watch --output json --count 100 > events.ndjson""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void watch(
            // repeatable: Spring Shell binds the first value; the filter reads every value from the context
            @Option(longName = "job", shortName = 'j', description = "only events of this job (repeatable)") String job,
            @Option(longName = "name", shortName = 'n', description = "only events of jobs with this name") String nameGiven,
            @Option(longName = "state", shortName = 's', description = "only job events that reach this state") String stateGiven,
            @Option(longName = "count", shortName = 'c',
                    description = "stop after N events (default: until Ctrl-C)") String countGiven,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        Set<String> jobs = new HashSet<>();
        Inputs.all(context.parsedInput(), "job")
                .forEach(v -> List.of(v.split(",")).forEach(id -> jobs.add(JobIds.check(id))));
        Filter filter = new Filter(jobs, Inputs.given(nameGiven), stateOption(stateGiven));
        int count = Inputs.whole("count", countGiven, Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        int[] seen = {0};
        Screen screen = out.screen();
        try {
            grid.events(event -> {
                JsonNode data = parse(event.data());
                String type = data == null ? null : data.path("type").asText(event.name());
                if (data == null || !filter.passes(type, data)) {
                    return true;
                }
                if ("job".equals(type)) {
                    session.saw(data.path("id").asText(null));
                }
                if ("hello".equals(type) && !out.json()) {
                    if (session.interactive() || screen.live()) {
                        screen.println(screen.style().dim("Watching the events of " + data.path("members").size()
                                + " nodes through " + data.path("node").asText() + "; Ctrl-C stops."));
                    }
                    return true;
                }
                screen.println(out.json() ? data.toString() : line(type, data, screen.style()));
                return ++seen[0] < count;
            }, session::onInterrupt);
        } finally {
            session.onInterrupt(null);
        }
    }

    /** The state named by {@code --state}, upper-cased, or null when not given. */
    private static String stateOption(String stateGiven) {
        String state = Inputs.given(stateGiven) == null ? null : stateGiven.toUpperCase(Locale.ROOT);
        if (state != null && !Suggestions.STATES.contains(state)) {
            throw new UsageException("--state must be one of " + String.join(", ", Suggestions.STATES)
                    + ", but was '" + stateGiven + "'");
        }
        return state;
    }

    /** Which events to show: with a filter, only the job events it matches (and the dropped notices). */
    private record Filter(Set<String> jobs, String name, String state) {
        boolean passes(String type, JsonNode data) {
            if ("job".equals(type)) {
                return (jobs.isEmpty() || jobs.contains(data.path("id").asText()))
                        && (name == null || name.equals(data.path("name").asText(null)))
                        && (state == null || state.equals(data.path("state").asText()));
            }
            boolean filtered = !jobs.isEmpty() || name != null || state != null;
            return !filtered || "dropped".equals(type);
        }
    }

    private JsonNode parse(String data) {
        try {
            return Json.mapper().readTree(data);
        } catch (JsonProcessingException notJson) {
            return null; // an event this console does not know; skipped
        }
    }

    /** "15:20:01  RUNNING    10QV...  build  attempt 1 on node-1", or a member or dropped line. */
    static String line(String type, JsonNode e, Style style) {
        String at = time(e.path("at").asText(null));
        return switch (type) {
            case "job" -> at + "  " + style.state(String.format("%-9s", e.path("state").asText())) + "  "
                    + e.path("id").asText() + "  " + (e.hasNonNull("name") ? e.get("name").asText() + "  " : "")
                    + style.dim(e.path("event").asText() + ", attempt " + e.path("attempt").asInt()
                    + (e.hasNonNull("node") ? " on " + e.get("node").asText() : "")
                    + (e.hasNonNull("exitCode") ? ", exit " + e.get("exitCode").asInt() : ""))
                    + (e.hasNonNull("error") ? "  " + style.red(e.get("error").asText()) : "");
            case "member" -> at + "  " + style.bold("member") + "   " + e.path("name").asText() + " "
                    + e.path("event").asText() + style.dim(" (" + e.path("members").asInt() + " members)");
            case "dropped" -> style.yellow("… " + e.path("dropped").asText() + " events were dropped because this"
                    + " console fell behind; 'jobs' shows the current state");
            default -> at + "  " + type + "  " + e;
        };
    }

    private static String time(String iso) {
        try {
            return HH_MM_SS.format(LocalTime.ofInstant(Instant.parse(iso), ZoneId.systemDefault()));
        } catch (DateTimeParseException | NullPointerException e) {
            return "--:--:--";
        }
    }

}

