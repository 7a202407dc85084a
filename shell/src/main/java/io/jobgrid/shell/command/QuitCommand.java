package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code quit}: leaves the console. The console loop acts on it before running anything; it is a
 * command only so that help and tab completion know it.
 */
@Component
public class QuitCommand extends GridCommand {

    public QuitCommand(Session session, JobgridClient grid) {
        super(new CommandDoc("quit", CommandDoc.CONSOLE, "Leave the console (also: exit, Ctrl-D)", "quit",
                List.of("quit")), session, grid);
    }

    @Override
    protected void run(Invocation invocation) {
        // nothing to do outside the console loop
    }
}
