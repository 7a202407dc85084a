package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import org.springframework.shell.core.command.completion.CompletionContext;

import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code vector ...} sub-command: its doc and options, and what it does. The sub-commands are
 * built by {@link VectorCommands}; every argument completes with the grid's vector names.
 */
final class VectorCommand extends GridCommand {
    private final Consumer<Invocation> action;
    private final Suggestions suggestions;

    VectorCommand(CommandDoc doc, Session session, JobgridClient grid, Suggestions suggestions,
                  Consumer<Invocation> action, Opt... options) {
        super(doc, session, grid, options);
        this.action = action;
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        action.accept(in);
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return option == null ? suggestions.vectorNames() : List.of();
    }
}
