package io.jobgrid.shell.command;

import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed values from what was typed, with messages that name the option and the bad value. Spring
 * Shell binds each option to a parameter as a string; these read them, so that every command
 * refuses a bad value the same way ({@code --limit must be a whole number from 1 to 10000, but was
 * 'x'}). Spring Shell binds one value per option; {@link #all} reads the values of an option given
 * several times ({@code --env A=1 --env B=2}).
 */
public final class Inputs {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Inputs() {
    }

    /** The value, or null when the option was not given (Spring Shell binds an absent option as ""). */
    public static String given(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Every value given for {@code --name}, in order. */
    public static List<String> all(ParsedInput input, String name) {
        List<String> values = new ArrayList<>();
        for (CommandOption o : input.options()) {
            if (name.equals(o.longName()) && o.value() != null) {
                values.add(o.value());
            }
        }
        return values;
    }

    /** The last value given for {@code --name}, or null. */
    public static String last(ParsedInput input, String name) {
        List<String> values = all(input, name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** A whole number in [min, max], or {@code fallback} when not given. */
    public static int whole(String name, String value, int fallback, int min, int max) {
        String v = given(value);
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

    /** A duration like {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} (plain numbers are seconds), or null. */
    public static Duration duration(String name, String value) {
        String v = given(value);
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

    /** Argument {@code index}, or a usage error saying what {@code command} is missing. */
    public static String arg(List<String> args, int index, String command, String what) {
        if (args == null || index >= args.size()) {
            throw new UsageException("'" + command + "' needs " + what + "; see 'help " + command + "'");
        }
        return args.get(index);
    }

    /** The arguments as given, never null. */
    public static List<String> args(List<String> args) {
        return args == null ? List.of() : args;
    }
}
