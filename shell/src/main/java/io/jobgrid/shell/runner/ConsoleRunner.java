package io.jobgrid.shell.runner;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.command.Session;
import io.jobgrid.shell.render.Style;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.springframework.shell.jline.JLineInputReader;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The interactive console: a JLine prompt with history, highlighting and tab completion (Spring
 * Shell's), each line run by the {@link CommandRunner}. Ctrl-C at the prompt clears the line; during
 * a command it stops the command ({@code logs --follow}, {@code wait}) and returns to the prompt;
 * Ctrl-D or {@code quit} leaves.
 */
public final class ConsoleRunner {
    private final LineReader reader;
    private final CommandRunner runner;
    private final Session session;
    private final JobgridClient grid;

    public ConsoleRunner(LineReader reader, CommandRunner runner, Session session, JobgridClient grid) {
        this.reader = reader;
        this.runner = runner;
        this.session = session;
        this.grid = grid;
    }

    /** Runs until the person leaves; the exit code is that of the last command. */
    public int run() {
        Terminal terminal = reader.getTerminal();
        boolean tty = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        session.interactive(true, tty);
        terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
        PrintWriter out = terminal.writer();
        Style style = tty ? Style.ANSI : Style.PLAIN;
        out.println(style.bold("jobgrid console") + " on " + grid.target().url()
                + style.dim("  ('help' lists commands, Tab completes, 'quit' leaves)"));
        out.flush();
        greetAsync(style);
        String prompt = style.cyan("jobgrid:" + grid.target().authority()) + "> ";
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C on the prompt drops the line, as in bash
            } catch (EndOfFileException e) {
                break;
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("quit") || line.equals("exit")) {
                break;
            }
            last = runner.run(line, out, out, new JLineInputReader(reader));
        }
        out.flush();
        return last;
    }

    /**
     * Says how big the grid is once the node answers, without holding up the prompt: it starts a
     * moment later so it does not compete with the console's own start for the CPU.
     */
    private void greetAsync(Style style) {
        CompletableFuture.runAsync(() -> {
            String text;
            try {
                int nodes = grid.getJson("/api/v1/nodes", Duration.ofSeconds(3)).size();
                text = style.dim("Connected: " + nodes + (nodes == 1 ? " node" : " nodes") + " in the grid.");
            } catch (JobgridClientException e) {
                text = style.red("Warning: ") + e.getMessage();
            }
            reader.printAbove(text);
            warmCompletion();
        }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    /**
     * Spring Shell's completer touches a utility class whose first use boots a bean validator
     * (a few hundred milliseconds); doing it now keeps the first Tab from stalling.
     */
    private static void warmCompletion() {
        try {
            Class.forName("org.springframework.shell.core.utils.Utils", true, ConsoleRunner.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError ignored) {
            // completion still works, the first Tab is just slower
        }
    }
}
