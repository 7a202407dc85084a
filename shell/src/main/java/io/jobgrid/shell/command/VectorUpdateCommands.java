package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The {@code vector} commands that change a vector in place, where its chunks live: add and scale
 * by a scalar, axpy and elementwise mul with another vector. Each prints the vector's new info.
 */
@Component
public class VectorUpdateCommands {
    private final Session session;
    private final JobgridClient grid;
    private final VectorSupport vectors;

    public VectorUpdateCommands(Session session, JobgridClient grid, VectorSupport vectors) {
        this.session = session;
        this.grid = grid;
        this.vectors = vectors;
    }

    @Command(name = {"vector", "add"}, group = "Vector",
            description = "Add a scalar to every element: v[i] += S",
            help = """
                    vector add - Add a scalar to every element: v[i] += S

                    USAGE
                      vector add NAME S [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector add v 2""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void add(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        update(Output.of(session, context, output), "add", "NAME S", args);
    }

    @Command(name = {"vector", "scale"}, group = "Vector",
            description = "Multiply every element by a scalar: v[i] *= S",
            help = """
                    vector scale - Multiply every element by a scalar: v[i] *= S

                    USAGE
                      vector scale NAME S [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector scale v -0.5""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void scale(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        update(Output.of(session, context, output), "scale", "NAME S", args);
    }

    @Command(name = {"vector", "axpy"}, group = "Vector",
            description = "Add a times another vector: v[i] += A * x[i]",
            help = """
                    vector axpy - Add a times another vector: v[i] += A * x[i]

                    USAGE
                      vector axpy NAME A X [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector axpy v 2 w""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void axpy(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        update(Output.of(session, context, output), "axpy", "NAME A X", args);
    }

    @Command(name = {"vector", "mul"}, group = "Vector",
            description = "Multiply elementwise by another vector: v[i] *= x[i]",
            help = """
                    vector mul - Multiply elementwise by another vector: v[i] *= x[i]

                    USAGE
                      vector mul NAME X [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      vector mul v w""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void mul(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        update(Output.of(session, context, output), "mul", "NAME X", args);
    }

    /** Sends the in-place update {@code op} with the body its arguments give, and prints the new info. */
    private void update(Output out, String op, String usage, List<String> args) {
        String command = "vector " + op;
        String name = VectorSupport.name(args, command);
        Map<String, Object> request = switch (op) {
            case "add", "scale" -> Map.of("scalar", VectorSupport.number(args, 1, command, "the scalar S"));
            case "axpy" -> Map.of("a", VectorSupport.number(args, 1, command, "the factor A"),
                    "x", Inputs.arg(args, 2, command, "the vector X"));
            default -> Map.of("x", Inputs.arg(args, 1, command, "the vector X"));
        };
        if (args.size() > request.size() + 1) {
            throw new UsageException("'" + command + "' takes " + op + " " + usage + ", but got " + args);
        }
        vectors.printInfo(out, vectors.timed(out, op + " " + name, () -> grid.vectors().updateJson(name, op, request,
                VectorSupport.OPERATION_TIMEOUT)));
    }
}
