package io.jobgrid.execution;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which programs a node lets jobs run. The program of a job is {@code argv[0]}: the first element
 * of {@code command} exactly as given (no PATH lookup, so {@code ls} and {@code /bin/ls} are
 * different programs), or {@code /bin/sh} for a {@code shell} job. A job is allowed when its
 * program matches at least one pattern in full ({@link java.util.regex.Matcher#matches()}).
 * No patterns means every program is allowed.
 *
 * <p>The node that accepts a submission checks it, and the node that runs an attempt checks it
 * again, since nodes may be configured differently.
 */
public final class CommandPolicy {
    private static final CommandPolicy ANY = new CommandPolicy(List.of());
    private final List<Pattern> allowed;

    private CommandPolicy(List<Pattern> allowed) {
        this.allowed = allowed;
    }

    /** Every program allowed. */
    public static CommandPolicy any() {
        return ANY;
    }

    /** Compiles {@code patterns} (null or empty: allow all), naming the bad one if a regex is malformed. */
    public static CommandPolicy of(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return ANY;
        }
        List<Pattern> compiled = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            String field = "allowedCommands[" + i + "]";
            if (p == null || p.isEmpty()) {
                throw new InvalidInputException(field, field + " must be a regular expression, but was empty");
            }
            try {
                compiled.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException(field, field + " must be a valid regular expression, but was '" + p
                        + "': " + e.getDescription());
            }
        }
        return new CommandPolicy(List.copyOf(compiled));
    }

    public boolean restricts() {
        return !allowed.isEmpty();
    }

    /** The program the allowlist judges: {@code argv[0]}, {@code /bin/sh} for shell jobs. */
    public static String program(JobSpec spec) {
        return spec.argv().get(0);
    }

    public boolean allows(JobSpec spec) {
        if (allowed.isEmpty()) {
            return true;
        }
        String program = program(spec);
        for (Pattern p : allowed) {
            if (p.matcher(program).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Refuses the spec, naming the field {@code command}, when its program is not allowed on {@code node}. */
    public void check(JobSpec spec, String node) {
        if (!allows(spec)) {
            throw new InvalidInputException("command", refusal(spec, node));
        }
    }

    /** Why {@code spec} may not run on {@code node}, in the "..., but was X" form. */
    public String refusal(JobSpec spec, String node) {
        return "command must be a program allowed on node " + node + " (allowedCommands " + patterns()
                + "), but was '" + program(spec) + "'" + (spec.shell() != null ? " (a shell job)" : "");
    }

    public List<String> patterns() {
        return allowed.stream().map(Pattern::pattern).toList();
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "any command" : "commands matching " + patterns();
    }
}
