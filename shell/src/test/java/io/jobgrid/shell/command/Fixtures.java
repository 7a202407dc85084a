package io.jobgrid.shell.command;

import io.jobgrid.shell.runner.LineParser;
import io.jobgrid.shell.support.ShellApp;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/**
 * The console's real commands and parser (its Spring application, pointed at a port where no node
 * listens), for tests of parsing and options that need no node. One application for all of them.
 */
public final class Fixtures {
    private static ShellApp app;

    public final CommandRegistry registry;
    public final LineParser parser;

    public Fixtures() {
        ShellApp shared = shared();
        this.registry = shared.bean(CommandRegistry.class);
        this.parser = shared.bean(LineParser.class);
    }

    private static synchronized ShellApp shared() {
        if (app == null) {
            app = ShellApp.start("http://127.0.0.1:1", null);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app;
    }

    /** The parsed input a typed line gives the command. */
    public ParsedInput parse(String line) {
        return parser.parse(line);
    }

    /** True for {@code --output json}, as the command reads it from the line. */
    public boolean json(String line) {
        return Output.json(Inputs.last(parse(line), Output.OPTION));
    }
}
