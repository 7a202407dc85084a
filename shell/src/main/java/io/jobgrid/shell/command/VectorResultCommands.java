package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code vector} commands that compute a result where the data lives and print it plainly for
 * scripts: sum, min, max, norm2, dot, and a slice of the elements.
 */
@Component
public class VectorResultCommands {
    private final Session session;
    private final JobgridClient grid;
    private final VectorSupport vectors;

    public VectorResultCommands(Session session, JobgridClient grid, VectorSupport vectors) {
        this.session = session;
        this.grid = grid;
        this.vectors = vectors;
    }

    @Command(name = {"vector", "sum"}, group = "Vector",
            description = "Sum of the elements",
            help = """
                    vector sum - Sum of the elements

                    USAGE
                      vector sum NAME [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector sum v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void sum(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        reduce(Output.of(session, context, output), "sum", args);
    }

    @Command(name = {"vector", "min"}, group = "Vector",
            description = "Smallest element",
            help = """
                    vector min - Smallest element

                    USAGE
                      vector min NAME [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector min v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void min(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        reduce(Output.of(session, context, output), "min", args);
    }

    @Command(name = {"vector", "max"}, group = "Vector",
            description = "Largest element",
            help = """
                    vector max - Largest element

                    USAGE
                      vector max NAME [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector max v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void max(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        reduce(Output.of(session, context, output), "max", args);
    }

    @Command(name = {"vector", "norm2"}, group = "Vector",
            description = "Euclidean norm: sqrt(sum of squares)",
            help = """
                    vector norm2 - Euclidean norm: sqrt(sum of squares)

                    USAGE
                      vector norm2 NAME [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector norm2 v""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void norm2(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        reduce(Output.of(session, context, output), "norm2", args);
    }

    @Command(name = {"vector", "dot"}, group = "Vector",
            description = "Dot product with another vector: sum of v[i] * w[i]",
            help = """
                    vector dot - Dot product with another vector: sum of v[i] * w[i]

                    USAGE
                      vector dot NAME W

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector dot v w""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void dot(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = VectorSupport.name(args, "vector dot");
        String with = Inputs.arg(args, 1, "vector dot", "the other vector W");
        vectors.printValue(out, name, vectors.timed(out, "dot of " + name + " and " + with,
                () -> grid.vectors().dotJson(name, with, VectorSupport.OPERATION_TIMEOUT)));
    }

    @Command(name = {"vector", "slice"}, group = "Vector",
            description = "Print elements [FROM, TO) (default the first 10)",
            help = """
                    vector slice - Print elements [FROM, TO) (default the first 10)

                    USAGE
                      vector slice NAME [FROM [TO]]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector slice v
                      vector slice v 100 110
                      vector slice v 0 1000 --output json""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void slice(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = VectorSupport.name(args, "vector slice");
        long from = args.size() > 1 ? VectorSupport.whole("FROM", args.get(1)) : 0;
        long to = args.size() > 2 ? VectorSupport.whole("TO", args.get(2)) : -1;
        if (to < 0) {
            long size = grid.vectors().infoJson(name).path("size").asLong();
            to = Math.min(size, from + 10);
        }
        long end = to;
        JsonNode values = vectors.timed(out, "slice of " + name, () -> grid.vectors().sliceJson(name, from, end,
                VectorSupport.OPERATION_TIMEOUT));
        if (out.json()) {
            out.printJson(values);
            return;
        }
        StringBuilder sb = new StringBuilder();
        long i = from;
        int width = Long.toString(Math.max(0, end - 1)).length();
        for (JsonNode v : values.path("values")) {
            sb.append(out.screen().live() ? out.screen().style().dim(String.format("%" + width + "d  ", i)) : "")
                    .append(VectorSupport.plain(v)).append('\n');
            i++;
        }
        out.screen().out().print(sb);
        out.screen().out().flush();
    }

    /** Prints one reduction ({@code sum}, {@code min}, {@code max}, {@code norm2}) of the vector. */
    private void reduce(Output out, String reduction, List<String> args) {
        String name = VectorSupport.name(args, "vector " + reduction);
        vectors.printValue(out, name, vectors.timed(out, reduction + " of " + name,
                () -> grid.vectors().reduceJson(name, reduction, VectorSupport.OPERATION_TIMEOUT)));
    }
}
