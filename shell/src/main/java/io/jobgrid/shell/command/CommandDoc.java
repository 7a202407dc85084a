package io.jobgrid.shell.command;

import java.util.List;

/**
 * What {@code help NAME} says about a command: a one-line summary, the usage line, and examples
 * that can be pasted as they are.
 */
public record CommandDoc(String name, String group, String summary, String usage, List<String> examples) {
    public static final String GRID = "Grid";
    public static final String JOBS = "Jobs";
    public static final String CONSOLE = "Console";

    public CommandDoc {
        if (name == null || name.isBlank() || summary == null || usage == null) {
            throw new IllegalArgumentException("a command needs a name, a summary and a usage line");
        }
        if (examples == null || examples.isEmpty()) {
            throw new IllegalArgumentException("command '" + name + "' needs at least one example");
        }
        examples = List.copyOf(examples);
    }
}
