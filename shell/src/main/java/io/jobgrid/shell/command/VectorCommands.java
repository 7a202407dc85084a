package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.render.Spinner;
import io.jobgrid.shell.render.Table;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code vector ...} commands of SPEC.md section 6, one per REST route of
 * {@code /api/v1/vectors}: create, list, info, add, scale, axpy, mul, sum, min, max, norm2, dot,
 * slice, delete. An operation on a big vector can take a while; on a terminal a spinner shows the
 * time so far, and Ctrl-C stops waiting (the grid finishes or cleanly fails the operation).
 */
@Component
public class VectorCommands {
    static final String GROUP = "Vector";
    /** Operations run where the data lives and may take minutes on a big vector. */
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?(?:e\\d+)?)([kmg]?)");

    private final Session session;
    private final JobgridClient grid;
    private final Suggestions suggestions;

    public VectorCommands(Session session, JobgridClient grid, Suggestions suggestions) {
        this.session = session;
        this.grid = grid;
        this.suggestions = suggestions;
    }

    /** Every vector sub-command, in the order help lists them. */
    public List<GridCommand> commands() {
        List<GridCommand> all = new ArrayList<>();
        all.add(command("create", "Create a vector: zeros, or filled, a range, or random",
                "vector create NAME --size N [--fill X | --range START[,STEP] | --random SEED]",
                List.of("vector create v --size 10000000 --fill 1.5", "vector create r --size 1M --range 0,0.5",
                        "vector create w --size 10M --random 42"), this::create,
                Opt.value("size", 's', "N", "number of elements: 1000, 1_000_000, 1e6, 10k, 10M, 1G"),
                Opt.value("fill", "X", "every element X"),
                Opt.value("range", "START[,STEP]", "START, START+STEP, ... (STEP default 1)"),
                Opt.value("random", "SEED", "uniform in [0,1) from SEED (same seed, same vector)")));
        all.add(command("list", "List vectors: size, chunks, version, state", "vector list [--output json]",
                List.of("vector list"), this::list));
        all.add(command("info", "Show one vector: size, chunks, version, state", "vector info NAME [--output json]",
                List.of("vector info v"), in -> printInfo(in, timed(in, "info of " + name(in), () ->
                        grid.vectors().infoJson(name(in))))));
        all.add(update("add", "Add a scalar to every element: v[i] += S", "vector add NAME S", "vector add v 2",
                in -> Map.of("scalar", number(in, 1, "the scalar S"))));
        all.add(update("scale", "Multiply every element by a scalar: v[i] *= S", "vector scale NAME S",
                "vector scale v -0.5", in -> Map.of("scalar", number(in, 1, "the scalar S"))));
        all.add(update("axpy", "Add a times another vector: v[i] += A * x[i]", "vector axpy NAME A X",
                "vector axpy v 2 w", in -> Map.of("a", number(in, 1, "the factor A"), "x", in.arg(2, "the vector X"))));
        all.add(update("mul", "Multiply elementwise by another vector: v[i] *= x[i]", "vector mul NAME X",
                "vector mul v w", in -> Map.of("x", in.arg(1, "the vector X"))));
        for (String reduce : List.of("sum", "min", "max", "norm2")) {
            all.add(command(reduce, switch (reduce) {
                case "sum" -> "Sum of the elements";
                case "min" -> "Smallest element";
                case "max" -> "Largest element";
                default -> "Euclidean norm: sqrt(sum of squares)";
            }, "vector " + reduce + " NAME [--output json]", List.of("vector " + reduce + " v"),
                    in -> printValue(in, timed(in, reduce + " of " + name(in), () ->
                            grid.vectors().reduceJson(name(in), reduce, OPERATION_TIMEOUT)))));
        }
        all.add(command("dot", "Dot product with another vector: sum of v[i] * w[i]", "vector dot NAME W",
                List.of("vector dot v w"), in -> {
                    String with = in.arg(1, "the other vector W");
                    printValue(in, timed(in, "dot of " + name(in) + " and " + with, () ->
                            grid.vectors().dotJson(name(in), with, OPERATION_TIMEOUT)));
                }));
        all.add(command("slice", "Print elements [FROM, TO) (default the first 10)", "vector slice NAME [FROM [TO]]",
                List.of("vector slice v", "vector slice v 100 110", "vector slice v 0 1000 --output json"), this::slice));
        all.add(command("delete", "Delete a vector", "vector delete NAME", List.of("vector delete v"), in -> {
            String name = name(in);
            timed(in, "delete " + name, () -> {
                grid.vectors().delete(name);
                return null;
            });
            if (in.json()) {
                in.printJson(Map.of("deleted", name));
            } else {
                in.screen().println("Deleted vector " + name);
            }
        }));
        return all;
    }

    private void create(Invocation in) {
        String name = name(in);
        String sizeText = in.option("size");
        if (sizeText == null) {
            throw new UsageException("'vector create' needs --size N, e.g. vector create " + name + " --size 1000000");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("size", size(sizeText));
        List<String> inits = new ArrayList<>();
        for (String o : List.of("fill", "range", "random")) {
            if (in.option(o) != null) {
                inits.add("--" + o);
            }
        }
        if (inits.size() > 1) {
            throw new UsageException("give at most one of --fill, --range and --random, but got " + inits);
        }
        if (in.option("fill") != null) {
            body.put("init", "fill");
            body.put("value", finite("--fill", in.option("fill")));
        } else if (in.option("range") != null) {
            String[] parts = in.option("range").split(",", -1);
            if (parts.length > 2) {
                throw new UsageException("--range is START or START,STEP, but was '" + in.option("range") + "'");
            }
            body.put("init", "range");
            body.put("start", finite("--range START", parts[0]));
            body.put("step", parts.length == 2 ? finite("--range STEP", parts[1]) : 1.0);
        } else if (in.option("random") != null) {
            body.put("init", "random");
            body.put("seed", whole("--random", in.option("random")));
        } else {
            body.put("init", "zeros");
        }
        JsonNode info = timed(in, "create " + name, () -> grid.vectors().createJson(body, OPERATION_TIMEOUT));
        printInfo(in, info);
    }

    private void list(Invocation in) {
        JsonNode all = grid.vectors().listJson();
        all.forEach(v -> session.sawVector(v.path("name").asText(null)));
        if (in.json()) {
            in.printJson(all);
            return;
        }
        if (all.isEmpty()) {
            in.screen().println("No vectors.");
            return;
        }
        Table t = new Table().shrinkable("NAME").numeric("SIZE").numeric("CHUNKS").numeric("CHUNK SIZE")
                .numeric("VERSION").flexible("STATE");
        all.forEach(v -> t.row(v.path("name").asText(), String.format(Locale.ROOT, "%,d", v.path("size").asLong()),
                v.path("chunks").asInt(), String.format(Locale.ROOT, "%,d", v.path("chunkSize").asInt()),
                v.path("version").asLong(), v.path("state").asText()));
        in.screen().print(t);
    }

    private void slice(Invocation in) {
        long from = in.args().size() > 1 ? whole("FROM", in.args().get(1)) : 0;
        long to = in.args().size() > 2 ? whole("TO", in.args().get(2)) : -1;
        if (to < 0) {
            long size = grid.vectors().infoJson(name(in)).path("size").asLong();
            to = Math.min(size, from + 10);
        }
        long end = to;
        JsonNode values = timed(in, "slice of " + name(in), () -> grid.vectors().sliceJson(name(in), from, end,
                OPERATION_TIMEOUT));
        if (in.json()) {
            in.printJson(values);
            return;
        }
        StringBuilder sb = new StringBuilder();
        long i = from;
        int width = Long.toString(Math.max(0, end - 1)).length();
        for (JsonNode v : values.path("values")) {
            sb.append(in.screen().live() ? in.screen().style().dim(String.format("%" + width + "d  ", i)) : "")
                    .append(plain(v)).append('\n');
            i++;
        }
        in.screen().out().print(sb);
        in.screen().out().flush();
    }

    private GridCommand update(String op, String summary, String usage, String example,
                               java.util.function.Function<Invocation, Map<String, Object>> body) {
        return command(op, summary, usage + " [--output json]", List.of(example), in -> {
            Map<String, Object> request = body.apply(in);
            if (in.args().size() > request.size() + 1) {
                throw new UsageException("'vector " + op + "' takes " + usage.substring(usage.indexOf(' ') + 1)
                        + ", but got " + in.args());
            }
            printInfo(in, timed(in, op + " " + name(in), () -> grid.vectors().updateJson(name(in), op, request,
                    OPERATION_TIMEOUT)));
        });
    }

    private GridCommand command(String op, String summary, String usage, List<String> examples,
                                java.util.function.Consumer<Invocation> action, Opt... options) {
        return new VectorCommand(new CommandDoc("vector " + op, GROUP, summary, usage, examples), session, grid,
                suggestions, action, options);
    }

    /** Runs the call with a spinner on a terminal; then, in the console, says how long it took. */
    private <T> T timed(Invocation in, String label, Supplier<T> call) {
        return Spinner.run(in.json() ? new io.jobgrid.shell.render.Screen(in.screen().out(), in.screen().style(), 0,
                false) : in.screen(), label, "Stopped waiting (Ctrl-C); the grid finishes or cleanly fails '" + label
                + "' on its own ('vector info' shows the vector's state).", call);
    }

    private void printInfo(Invocation in, JsonNode info) {
        session.sawVector(info.path("name").asText(null));
        if (in.json()) {
            in.printJson(info);
            return;
        }
        in.screen().println(info.path("name").asText() + ": " + String.format(Locale.ROOT, "%,d", info.path("size")
                .asLong()) + " elements in " + info.path("chunks").asInt() + " chunks, version "
                + info.path("version").asLong() + ", " + info.path("state").asText());
    }

    private void printValue(Invocation in, JsonNode result) {
        session.sawVector(name(in));
        if (in.json()) {
            in.printJson(result);
        } else {
            in.screen().println(plain(result.path("value")));
        }
    }

    /** The vector's name: the first argument. */
    private static String name(Invocation in) {
        String name = in.arg(0, "a vector name");
        if (name.isBlank()) {
            throw new UsageException("a vector name must not be blank, but was '" + name + "'");
        }
        return name.strip();
    }


    private static double number(Invocation in, int index, String what) {
        return finite(what, in.arg(index, what));
    }

    static double finite(String what, String text) {
        try {
            double d = Double.parseDouble(text.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageException(what + " must be a finite number, but was '" + text + "'");
    }

    static long whole(String what, String text) {
        try {
            return Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a whole number, but was '" + text + "'");
        }
    }

    /** 1000, 1_000_000, 1e6, 10k, 10M, 1G (k, M, G: thousand, million, billion). */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT));
        if (m.matches()) {
            BigDecimal n = new BigDecimal(m.group(1)).multiply(switch (m.group(2)) {
                case "k" -> BigDecimal.valueOf(1_000);
                case "m" -> BigDecimal.valueOf(1_000_000);
                case "g" -> BigDecimal.valueOf(1_000_000_000);
                default -> BigDecimal.ONE;
            });
            try {
                return n.longValueExact();
            } catch (ArithmeticException fraction) {
                // reported below
            }
        }
        throw new UsageException("--size must be a whole number of elements like 1000, 1_000_000, 1e6, 10k, 10M or 1G,"
                + " but was '" + text + "'");
    }

    /** A value as people read it: 35000000 rather than 3.5E7; NaN and infinities as the node sends them. */
    static String plain(JsonNode value) {
        if (!value.isNumber()) {
            return value.asText();
        }
        double d = value.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Math.abs(d) >= 1e-4 && Math.abs(d) < 1e15 ? BigDecimal.valueOf(d).toPlainString() : Double.toString(d);
    }
}
