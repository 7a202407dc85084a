package io.jobgrid.shell.command;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * {@code quit}: leaves the console. The console loop acts on it before running anything; it is a
 * command only so that help and tab completion know it.
 */
@Component
public class QuitCommand {
    @Command(name = "quit", group = "Console",
            description = "Leave the console (also: exit, Ctrl-D)",
            help = """
                    quit - Leave the console (also: exit, Ctrl-D)

                    USAGE
                      quit

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      quit""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void quit(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output.json(output); // checked like every command's; there is nothing to do outside the console loop
    }
}

