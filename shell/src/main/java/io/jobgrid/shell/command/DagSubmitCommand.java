package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClientException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.render.Table;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dag submit FILE.yaml}: submits a whole DAG from a YAML file (see {@link DagFile}) in one
 * request, so either every job is stored or none is, and prints the id given to each key.
 */
@Component
public class DagSubmitCommand extends GridCommand {

    public DagSubmitCommand(Session session, JobgridClient grid) {
        super(new CommandDoc("dag submit", DagCommand.GROUP, "Submit a DAG of jobs from a YAML file; prints the ids",
                        "dag submit FILE.yaml [--watch] [--output json]",
                        List.of("dag submit shell/examples/pipeline.yaml",
                                "dag submit pipeline.yaml --watch",
                                "dag submit pipeline.yaml --output json | jq -r .ids.report")),
                session, grid,
                Opt.flag("watch", 'w', "then follow the DAG until every job has ended; exit 0 only if all succeeded"),
                Opt.value("interval", 'i', "DURATION", "with --watch, time between refreshes (default 1s)"));
    }

    @Override
    protected void run(Invocation in) {
        if (in.args().size() > 1) {
            throw new UsageException("'dag submit' takes one file, but got " + in.args());
        }
        Path file = path(in.arg(0, "a DAG file, e.g. dag submit pipeline.yaml"));
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
        if (in.json() && !in.flag("watch")) {
            in.printJson(created);
            return;
        }
        if (!in.json()) {
            Table table = new Table().shrinkable("KEY").column("ID");
            keys.forEach(k -> table.row(k, ids.path(k).asText("-")));
            in.screen().print(table);
        }
        if (in.flag("watch")) {
            if (!in.json()) {
                in.screen().println("");
            }
            new DagWatch(grid, session, DagCommand.interval(in)).follow(in.screen(), ids.path(keys.get(0)).asText(),
                    in.json());
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
    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        if (option != null) {
            return List.of();
        }
        Path here = Path.of("");
        try (Stream<Path> files = Files.find(here.toAbsolutePath(), 3, (p, a) -> a.isRegularFile()
                && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))) {
            return files.map(p -> here.toAbsolutePath().relativize(p).toString()).filter(p -> !p.contains("/target/")
                    && !p.startsWith(".")).sorted().limit(50).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
