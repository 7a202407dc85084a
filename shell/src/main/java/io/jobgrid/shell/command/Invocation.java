package io.jobgrid.shell.command;

import io.jobgrid.client.Json;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a command: its options and arguments read as typed values (a bad value is a usage
 * error naming the option), and the screen it writes to.
 */
public final class Invocation {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final String command;
    private final CommandContext context;
    private final Screen screen;
    public Invocation(String command, CommandContext context, Screen screen) {
        this.command = command;
        this.context = context;
        this.screen = screen;
    }

    public Screen screen() {
        return screen;
    }

    /** The last value given for {@code --name}, or null. */
    public String option(String name) {
        List<String> all = options(name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every value given for a repeatable option, in order; {@code a,b} counts as two. */
    public List<String> options(String name) {
        List<String> values = new ArrayList<>();
        for (CommandOption o : context.parsedInput().options()) {
            if (name.equals(o.longName()) && o.value() != null) {
                values.add(o.value());
            }
        }
        return values;
    }

    public boolean flag(String name) {
        String v = option(name);
        if (v == null) {
            return false;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new UsageException("--" + name + " is true or false, but was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public int intOption(String name, int fallback, int min, int max) {
        String v = option(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the range
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max
                + ", but was '" + v + "'");
    }

    /** A duration like {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} (plain numbers are seconds). */
    public Duration duration(String name) {
        String v = option(name);
        if (v == null) {
            return null;
        }
        Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--" + name + " must be a duration like 30, 30s, 5m, 2h or 1d, but was '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public List<String> args() {
        return context.parsedInput().arguments().stream().map(CommandArgument::value).toList();
    }

    /** Argument {@code index}, or a usage error saying what is missing. */
    public String arg(int index, String what) {
        List<String> args = args();
        if (index >= args.size()) {
            throw new UsageException("'" + command + "' needs " + what + "; see 'help " + command + "'");
        }
        return args.get(index);
    }

    /** True for {@code --output json}; anything but table or json is a usage error. */
    public boolean json() {
        String v = option(GridCommand.OUTPUT);
        if (v == null || v.equalsIgnoreCase("table")) {
            return false;
        }
        if (v.equalsIgnoreCase("json")) {
            return true;
        }
        throw new UsageException("--output must be table or json, but was '" + v + "'");
    }

    public void printJson(Object value) {
        screen.println(Json.pretty(value));
    }
}
