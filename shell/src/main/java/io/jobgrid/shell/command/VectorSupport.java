package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Spinner;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code vector ...} commands share: the spinner around a long operation, how a vector
 * and a result are printed, and how names, numbers and sizes are read from the command line.
 */
@Component
public class VectorSupport {
    static final String GROUP = "Vector";
    /** Operations run where the data lives and may take minutes on a big vector. */
    static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?(?:e\\d+)?)([kmg]?)");

    private final Session session;

    public VectorSupport(Session session) {
        this.session = session;
    }

    /** Runs the call with a spinner on a terminal (none for json, whose output is the answer only). */
    <T> T timed(Output out, String label, Supplier<T> call) {
        Screen screen = out.json() ? new Screen(out.screen().out(), out.screen().style(), 0, false) : out.screen();
        return Spinner.run(screen, label, "Stopped waiting (Ctrl-C); the grid finishes or cleanly fails '" + label
                + "' on its own ('vector info' shows the vector's state).", call);
    }

    void printInfo(Output out, JsonNode info) {
        session.sawVector(info.path("name").asText(null));
        if (out.json()) {
            out.printJson(info);
            return;
        }
        out.screen().println(info.path("name").asText() + ": " + String.format(Locale.ROOT, "%,d", info.path("size")
                .asLong()) + " elements in " + info.path("chunks").asInt() + " chunks, version "
                + info.path("version").asLong() + ", " + info.path("state").asText());
    }

    void printValue(Output out, String name, JsonNode result) {
        session.sawVector(name);
        if (out.json()) {
            out.printJson(result);
        } else {
            out.screen().println(plain(result.path("value")));
        }
    }

    /** The vector's name: the first argument of {@code command}. */
    static String name(List<String> args, String command) {
        String name = Inputs.arg(args, 0, command, "a vector name");
        if (name.isBlank()) {
            throw new UsageException("a vector name must not be blank, but was '" + name + "'");
        }
        return name.strip();
    }

    /** Argument {@code index} of {@code command} as a finite number; {@code what} names it in messages. */
    static double number(List<String> args, int index, String command, String what) {
        return finite(what, Inputs.arg(args, index, command, what));
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
