package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.GridTarget;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import io.jobgrid.shell.runner.LineParser;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/** The real commands wired by hand, for tests of parsing and options that need no node. */
public final class Fixtures {
    public final Session session = new Session(new StaticListableBeanFactory().getBeanProvider(Terminal.class),
            Clock.systemUTC());
    public final JobgridClient grid = new JobgridClient(new GridTarget("http://127.0.0.1:1", null));
    public final Suggestions suggestions = new Suggestions(grid, session);
    public final CommandRegistry registry = new CommandRegistry();
    public final LineParser parser = new LineParser(registry);

    public Fixtures() {
        registry.registerCommand(new SubmitCommand(session, grid, suggestions));
        registry.registerCommand(new JobsCommand(session, grid, suggestions));
        registry.registerCommand(new LogsCommand(session, grid, suggestions));
        registry.registerCommand(new WaitCommand(session, grid, suggestions));
    }

    /** The invocation a typed line would give the command. */
    public Invocation invocation(String line) {
        CommandContext context = new CommandContext(parser.parse(line), registry, new PrintWriter(new StringWriter()),
                new InputReader() {
                });
        String name = context.parsedInput().commandName();
        return new Invocation(name, context, new Screen(context.outputWriter(), Style.PLAIN, 0, false));
    }
}
