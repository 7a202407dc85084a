package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Table;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dag submit FILE.yaml}: submits a whole DAG from a YAML file (see {@link DagFile}) in one
 * request, so either every job is stored or none is, and prints the id given to each key.
 */
@Component
public class DagSubmitCommand {
    private final Session session;
    private final JobgridClient grid;

    public DagSubmitCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = {"dag", "submit"}, group = "DAG",
            description = "Submit a DAG of jobs from a YAML file; prints the ids",
            help = """
                    dag submit - Submit a DAG of jobs from a YAML file; prints the ids

                    USAGE
                      dag submit FILE.yaml [--watch] [--output json]

                    OPTIONS
                      -w, --watch              then follow the DAG until every job has ended; exit 0 only if all succeeded
                      -i, --interval DURATION  with --watch, time between refreshes (default 1s)
                      -o, --output FORMAT      table (default) or json

                    EXAMPLES
                      dag submit shell/examples/pipeline.yaml
                      dag submit pipeline.yaml --watch
                      dag submit pipeline.yaml --output json | jq -r .ids.report""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void submit(
            @Option(longName = "watch", shortName = 'w',
                    description = "then follow the DAG until every job has ended; exit 0 only"
                            + " if all succeeded", defaultValue = "false") boolean watch,
            @Option(longName = "interval", shortName = 'i',
                    description = "with --watch, time between refreshes (default 1s)") String interval,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        if (args.size() > 1) {
            throw new UsageException("'dag submit' takes one file, but got " + args);
        }
        Path file = path(Inputs.arg(args, 0, "dag submit", "a DAG file, e.g. dag submit pipeline.yaml"));
        ObjectNode body = DagFile.read(file);
        JsonNode created;
        try {
            created = grid.submitDagJson(body);
        } catch (JobgridClientException e) {
            if (e.kind() != JobgridClientException.Kind.REFUSED) {
                throw e;
            }
            throw new ShellException(ShellException.FAILED, "The node refused the DAG in " + file + ": "
                    + e.getMessage() + " (nothing was submitted)");
        }
        JsonNode ids = created.path("ids");
        List<String> keys = new ArrayList<>();
        body.get("jobs").forEach(j -> keys.add(j.get("key").asText()));
        keys.forEach(k -> session.saw(ids.path(k).asText(null)));
        if (out.json() && !watch) {
            out.printJson(created);
            return;
        }
        if (!out.json()) {
            Table table = new Table().shrinkable("KEY").column("ID");
            keys.forEach(k -> table.row(k, ids.path(k).asText("-")));
            out.screen().print(table);
        }
        if (watch) {
            if (!out.json()) {
                out.screen().println("");
            }
            new DagWatch(grid, session, DagCommand.interval(interval)).follow(out.screen(), ids.path(keys.get(0)).asText(),
                    out.json());
        }
    }

    /** The file, with a leading ~ as the home directory (the console does not go through a shell). */
    static Path path(String text) {
        String t = text.strip();
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        return Path.of(t);
    }

    /** YAML files under the working directory, two levels deep, for completion. */
}

