package io.jobgrid.shell.command;

import io.jobgrid.client.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobIds;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.DateTimeFormatter;
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
public class WatchCommand extends GridCommand {
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final Suggestions suggestions;

    public WatchCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("watch", CommandDoc.GRID, "Live events: job state changes and members, until Ctrl-C",
                        "watch [--job ID]... [--name NAME] [--state STATE] [--count N] [--output json]",
                        List.of("watch", "watch --state FAILED", "watch --job 0HBXQ4K7M2N9P",
                                "watch --output json --count 100 > events.ndjson")),
                session, grid,
                Opt.value("job", 'j', "ID", "only events of this job (repeatable)"),
                Opt.value("name", 'n', "NAME", "only events of jobs with this name"),
                Opt.value("state", 's', "STATE", "only job events that reach this state"),
                Opt.value("count", 'c', "N", "stop after N events (default: until Ctrl-C)"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        Set<String> jobs = new HashSet<>();
        in.options("job").forEach(v -> List.of(v.split(",")).forEach(id -> jobs.add(JobIds.check(id))));
        String state = in.option("state") == null ? null : in.option("state").toUpperCase(Locale.ROOT);
        if (state != null && !Suggestions.STATES.contains(state)) {
            throw new UsageException("--state must be one of " + String.join(", ", Suggestions.STATES)
                    + ", but was '" + in.option("state") + "'");
        }
        String name = in.option("name");
        int count = in.intOption("count", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        boolean filtered = !jobs.isEmpty() || name != null || state != null;
        int[] seen = {0};
        Screen screen = in.screen();
        try {
            grid.events(event -> {
                JsonNode data = parse(event.data());
                if (data == null) {
                    return true;
                }
                String type = data.path("type").asText(event.name());
                if ("job".equals(type)) {
                    if (!jobs.isEmpty() && !jobs.contains(data.path("id").asText())
                            || name != null && !name.equals(data.path("name").asText(null))
                            || state != null && !state.equals(data.path("state").asText())) {
                        return true;
                    }
                    session.saw(data.path("id").asText(null));
                } else if (filtered && !"dropped".equals(type)) {
                    return true;
                }
                if ("hello".equals(type) && !in.json()) {
                    if (session.interactive() || screen.live()) {
                        screen.println(screen.style().dim("Watching the events of " + data.path("members").size()
                                + " nodes through " + data.path("node").asText() + "; Ctrl-C stops."));
                    }
                    return true;
                }
                screen.println(in.json() ? data.toString() : line(type, data, screen.style()));
                return ++seen[0] < count;
            }, session::onInterrupt);
        } finally {
            session.onInterrupt(null);
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

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        if ("state".equals(option)) {
            return Suggestions.STATES;
        }
        return "job".equals(option) ? suggestions.jobIds() : List.of();
    }
}
