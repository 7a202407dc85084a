package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code vector} commands that compute a result where the data lives and print it plainly for
 * scripts: sum, min, max, norm2, dot, a slice of the elements, and any expression ({@code eval}).
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

    @Command(name = {"vector", "eval"}, group = "Vector",
            description = "Evaluate an expression over vectors in one pass: a value, or an assignment",
            help = """
                    vector eval - Evaluate an expression over vectors in one pass: a value, or an assignment

                    USAGE
                      vector eval 'EXPRESSION' [--output json]

                    An expression that reduces prints its value; NAME = EXPRESSION writes a new
                    vector (created only when complete) or an existing one in place, and prints it.
                    Operators + - * / and unary -, abs sqrt exp log, min(x,y) max(x,y), comparisons
                    < <= > >= == != (masks of 1 and 0), where(mask,x,y); reductions sum min max mean
                    norm2 dot(x,y) count(mask). All vectors of one expression have the same size.

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector eval 'sum((a - b) * (a - b))'
                      vector eval 'c = where(a > 0.5, a, 0) * 2 + b'
                      vector eval 'a = a + b'""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void eval(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        if (args.isEmpty() || String.join(" ", args).isBlank()) {
            throw new UsageException("'vector eval' needs an expression, such as 'sum(a * b)' or 'c = a + b'");
        }
        String expression = String.join(" ", args);
        JsonNode answer = vectors.timed(out, "eval " + expression,
                () -> grid.vectors().evalJson(expression, VectorSupport.OPERATION_TIMEOUT));
        String name = answer.path("vector").asText(null);
        if (name != null) {
            session.sawVector(name);
        }
        if (out.json()) {
            out.printJson(answer);
        } else if (name == null) {
            out.screen().println(VectorSupport.plain(answer.path("value")));
        } else {
            vectors.printInfo(out, grid.vectors().infoJson(name));
        }
    }

    /** Prints one reduction ({@code sum}, {@code min}, {@code max}, {@code norm2}) of the vector. */
    private void reduce(Output out, String reduction, List<String> args) {
        String name = VectorSupport.name(args, "vector " + reduction);
        vectors.printValue(out, name, vectors.timed(out, reduction + " of " + name,
                () -> grid.vectors().reduceJson(name, reduction, VectorSupport.OPERATION_TIMEOUT)));
    }
}
