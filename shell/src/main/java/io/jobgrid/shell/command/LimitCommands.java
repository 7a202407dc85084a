package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.client.LimitView;
import io.jobgrid.shell.render.Table;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code limit} commands ({@code /api/v1/limits}): set, list, delete cluster-wide concurrency
 * limits per key. Jobs name their key with {@code submit --concurrency-key KEY}.
 */
@Component
public class LimitCommands {
    private final Session session;
    private final JobgridClient grid;

    public LimitCommands(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = {"limit", "set"}, group = "Grid",
            description = "Let at most N jobs of a concurrency key run at once in the cluster",
            help = """
                    limit set - Let at most N jobs of a concurrency key run at once in the cluster

                    USAGE
                      limit set KEY N [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    Jobs submitted with --concurrency-key KEY wait, QUEUED, while N of them run. Lowering N
                    below the jobs running now stops new starts only.

                    EXAMPLES
                      limit set db 2""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void set(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String key = Inputs.arg(args, 0, "limit set", "a concurrency key");
        int max = Inputs.whole("max", Inputs.arg(args, 1, "limit set", "a limit N"), 0, 0, 1_000_000);
        JsonNode after = grid.limits().setJson(key, max);
        if (out.json()) {
            out.printJson(after);
            return;
        }
        LimitView v = Json.view(after, LimitView.class);
        out.screen().println("Limit of " + v.key() + " set to " + v.max() + " (" + v.running() + " running, "
                + v.waiting() + " waiting)");
    }

    @Command(name = {"limit", "list"}, group = "Grid",
            description = "List concurrency keys: limit, running, waiting",
            help = """
                    limit list - List concurrency keys: limit, running, waiting

                    USAGE
                      limit list [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      limit list""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void list(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode body = grid.limits().listJson();
        if (out.json()) {
            out.printJson(body);
            return;
        }
        List<LimitView> all = Json.list(body, LimitView.class);
        if (all.isEmpty()) {
            out.screen().println("No concurrency limits.");
            return;
        }
        Table t = new Table().column("KEY").column("LIMIT").column("RUNNING").column("WAITING");
        for (LimitView v : all) {
            t.row(v.key(), v.max() == null ? "-" : Integer.toString(v.max()), Integer.toString(v.running()),
                    Integer.toString(v.waiting()));
        }
        out.screen().print(t);
    }

    @Command(name = {"limit", "delete"}, group = "Grid",
            description = "Remove a concurrency key's limit; its waiting jobs start",
            help = """
                    limit delete - Remove a concurrency key's limit; its waiting jobs start

                    USAGE
                      limit delete KEY [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      limit delete db""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void delete(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String key = Inputs.arg(args, 0, "limit delete", "a concurrency key");
        grid.limits().delete(key);
        if (out.json()) {
            out.printJson(Json.mapper().createObjectNode().put("key", key).put("deleted", true));
            return;
        }
        out.screen().println("Deleted the limit of " + key);
    }
}
