package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Table;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code vector} commands that make, list, describe and remove vectors ({@code POST},
 * {@code GET} and {@code DELETE} on {@code /api/v1/vectors}): create, list, info, delete.
 */
@Component
public class VectorLifecycleCommands {
    private final Session session;
    private final JobgridClient grid;
    private final VectorSupport vectors;

    public VectorLifecycleCommands(Session session, JobgridClient grid, VectorSupport vectors) {
        this.session = session;
        this.grid = grid;
        this.vectors = vectors;
    }

    @Command(name = {"vector", "create"}, group = "Vector",
            description = "Create a vector: zeros, or filled, a range, or random",
            help = """
                    vector create - Create a vector: zeros, or filled, a range, or random

                    USAGE
                      vector create NAME --size N [--fill X | --range START[,STEP] | --random SEED]

                    OPTIONS
                      -s, --size N              number of elements: 1000, 1_000_000, 1e6, 10k, 10M, 1G
                          --fill X              every element X
                          --range START[,STEP]  START, START+STEP, ... (STEP default 1)
                          --random SEED         uniform in [0,1) from SEED (same seed, same vector)
                      -o, --output FORMAT       table (default) or json

                    EXAMPLES
                      vector create v --size 10000000 --fill 1.5
                      vector create r --size 1M --range 0,0.5
                      vector create w --size 10M --random 42""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void create(
            @Option(longName = "size", shortName = 's',
                    description = "number of elements: 1000, 1_000_000, 1e6, 10k, 10M, 1G") String size,
            @Option(longName = "fill", description = "every element X") String fill,
            @Option(longName = "range", description = "START, START+STEP, ... (STEP default 1)") String range,
            @Option(longName = "random", description = "uniform in [0,1) from SEED (same seed, same vector)") String random,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = VectorSupport.name(args, "vector create");
        if (Inputs.given(size) == null) {
            throw new UsageException("'vector create' needs --size N, e.g. vector create " + name + " --size 1000000");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("size", VectorSupport.size(size));
        body.putAll(init(Inputs.given(fill), Inputs.given(range), Inputs.given(random)));
        JsonNode info = vectors.timed(out, "create " + name, () -> grid.vectors().createJson(body,
                VectorSupport.OPERATION_TIMEOUT));
        vectors.printInfo(out, info);
    }

    @Command(name = {"vector", "list"}, group = "Vector",
            description = "List vectors: size, chunks, version, state",
            help = """
                    vector list - List vectors: size, chunks, version, state

                    USAGE
                      vector list [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector list""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void list(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode all = grid.vectors().listJson();
        all.forEach(v -> session.sawVector(v.path("name").asText(null)));
        if (out.json()) {
            out.printJson(all);
            return;
        }
        if (all.isEmpty()) {
            out.screen().println("No vectors.");
            return;
        }
        Table t = new Table().shrinkable("NAME").numeric("SIZE").numeric("CHUNKS").numeric("CHUNK SIZE")
                .numeric("VERSION").flexible("STATE");
        all.forEach(v -> t.row(v.path("name").asText(), String.format(Locale.ROOT, "%,d", v.path("size").asLong()),
                v.path("chunks").asInt(), String.format(Locale.ROOT, "%,d", v.path("chunkSize").asInt()),
                v.path("version").asLong(), v.path("state").asText()));
        out.screen().print(t);
    }

    @Command(name = {"vector", "info"}, group = "Vector",
            description = "Show one vector: size, chunks, version, state",
            help = """
                    vector info - Show one vector: size, chunks, version, state

                    USAGE
                      vector info NAME [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector info v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void info(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = VectorSupport.name(args, "vector info");
        vectors.printInfo(out, vectors.timed(out, "info of " + name, () -> grid.vectors().infoJson(name)));
    }

    @Command(name = {"vector", "delete"}, group = "Vector",
            description = "Delete a vector",
            help = """
                    vector delete - Delete a vector

                    USAGE
                      vector delete NAME

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector delete v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void delete(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = VectorSupport.name(args, "vector delete");
        vectors.timed(out, "delete " + name, () -> {
            grid.vectors().delete(name);
            return null;
        });
        if (out.json()) {
            out.printJson(Map.of("deleted", name));
        } else {
            out.screen().println("Deleted vector " + name);
        }
    }

    /** The {@code init} fields of the request: at most one of fill, range and random; zeros otherwise. */
    private static Map<String, Object> init(String fill, String range, String random) {
        List<String> inits = new ArrayList<>();
        if (fill != null) {
            inits.add("--fill");
        }
        if (range != null) {
            inits.add("--range");
        }
        if (random != null) {
            inits.add("--random");
        }
        if (inits.size() > 1) {
            throw new UsageException("give at most one of --fill, --range and --random, but got " + inits);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (fill != null) {
            body.put("init", "fill");
            body.put("value", VectorSupport.finite("--fill", fill));
        } else if (range != null) {
            String[] parts = range.split(",", -1);
            if (parts.length > 2) {
                throw new UsageException("--range is START or START,STEP, but was '" + range + "'");
            }
            body.put("init", "range");
            body.put("start", VectorSupport.finite("--range START", parts[0]));
            body.put("step", parts.length == 2 ? VectorSupport.finite("--range STEP", parts[1]) : 1.0);
        } else if (random != null) {
            body.put("init", "random");
            body.put("seed", VectorSupport.whole("--random", random));
        } else {
            body.put("init", "zeros");
        }
        return body;
    }
}
