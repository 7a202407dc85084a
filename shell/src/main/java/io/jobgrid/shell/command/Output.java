package io.jobgrid.shell.command;

import io.jobgrid.client.Json;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.CommandContext;

/**
 * Where a command writes, and in what form: {@code --output table} (the default, for people) or
 * {@code --output json} (for scripts), which every command takes after its name. Spring Shell has
 * no notion of an output format, so each command declares the option and reads it through here.
 *
 * @param screen the command's screen: colours and width on a terminal, plain when piped
 * @param json   true for {@code --output json}
 */
public record Output(Screen screen, boolean json) {
    /** The long name of the option, declared by every command. */
    public static final String OPTION = "output";
    /** What help says about it. */
    public static final String DESCRIPTION = "table (default) or json";

    public Output {
        if (screen == null) {
            throw new IllegalArgumentException("an output needs a screen, but was null");
        }
    }

    /** The output of one run; a bad {@code --output} is refused before any request is made. */
    public static Output of(Session session, CommandContext context, String format) {
        return new Output(session.screen(context.outputWriter()), json(format));
    }

    /** True for {@code json}; anything but table or json is a usage error. */
    public static boolean json(String format) {
        String v = Inputs.given(format);
        if (v == null || v.equalsIgnoreCase("table")) {
            return false;
        }
        if (v.equalsIgnoreCase("json")) {
            return true;
        }
        throw new UsageException("--output must be table or json, but was '" + v + "'");
    }

    /** Prints the value as indented JSON, through the client's one mapper. */
    public void printJson(Object value) {
        screen.println(Json.pretty(value));
    }
}
