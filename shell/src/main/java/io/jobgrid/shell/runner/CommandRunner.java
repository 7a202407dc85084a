package io.jobgrid.shell.runner;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.command.Session;
import io.jobgrid.shell.render.Style;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * Runs one command line, for the console and for scripts alike: parse, execute, and turn every
 * way it can fail into one line on the error writer plus an exit code ({@link ShellException}'s
 * codes). A stack trace is printed only with {@code JOBGRID_DEBUG=1}.
 */
public final class CommandRunner {
    private final LineParser parser;
    private final CommandRegistry registry;
    private final CommandExecutor executor;
    private final Session session;
    private final boolean debug = System.getenv("JOBGRID_DEBUG") != null;

    public CommandRunner(LineParser parser, CommandRegistry registry, Session session) {
        this.parser = parser;
        this.registry = registry;
        this.executor = new CommandExecutor(registry);
        this.session = session;
    }

    public int run(String line, PrintWriter out, PrintWriter err, InputReader input) {
        try {
            return run(Words.split(line), out, err, input);
        } catch (ShellException e) {
            return fail(err, e.exitCode(), e.getMessage(), e);
        } catch (JobgridClientException e) {
            return fail(err, ShellException.exitCode(e.kind()), e.getMessage(), e);
        }
    }

    public int run(List<String> words, PrintWriter out, PrintWriter err, InputReader input) {
        String name = words.isEmpty() ? "" : words.get(0);
        try {
            ParsedInput parsed = parser.parse(words);
            session.running(Thread.currentThread());
            ExitStatus status = executor.execute(new CommandContext(parsed, registry, out, input));
            out.flush();
            if (status.code() == 0) {
                return 0;
            }
            int code = status.code() == ExitStatus.USAGE_ERROR.code() ? ShellException.USAGE
                    : status.code() > 0 ? status.code() : ShellException.FAILED;
            return fail(err, code, status.description(), null);
        } catch (ShellException e) {
            return fail(err, e.exitCode(), e.getMessage(), e);
        } catch (JobgridClientException e) {
            return fail(err, ShellException.exitCode(e.kind()), e.getMessage(), e);
        } catch (CommandNotFoundException e) {
            return fail(err, ShellException.USAGE, "There is no command '" + String.join(" ", words.subList(0,
                    Math.min(words.size(), 2))).strip() + "'" + suggestion(name) + " ('help' lists the commands)", null);
        } catch (CommandExecutionException e) {
            return failedInside(err, name, e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            return fail(err, ShellException.FAILED, "'" + name + "' failed unexpectedly: " + e, e);
        } finally {
            session.running(null);
            Thread.interrupted(); // a Ctrl-C that arrived as the command ended must not hit the next one
        }
    }

    /** A command threw: our own failures keep their exit codes, anything else is unexpected. */
    private int failedInside(PrintWriter err, String name, Throwable cause) {
        if (cause instanceof ShellException s) {
            return fail(err, s.exitCode(), s.getMessage(), s);
        }
        if (cause instanceof JobgridClientException c) {
            return fail(err, ShellException.exitCode(c.kind()), c.getMessage(), c);
        }
        return fail(err, ShellException.FAILED, "'" + name + "' failed unexpectedly: " + cause, cause);
    }

    private int fail(PrintWriter err, int code, String message, Throwable trace) {
        Style style = session.tty() ? Style.ANSI : Style.PLAIN;
        if (session.interrupted() && code != ShellException.INTERRUPTED) {
            // a Ctrl-C can surface as a closed connection; say what really happened
            code = ShellException.INTERRUPTED;
            message = "Stopped (Ctrl-C).";
            trace = null;
        }
        // Ctrl-C is the person's choice, not an error
        err.println(code == ShellException.INTERRUPTED ? style.dim(message) : style.red("Error: ") + message);
        if (debug && trace != null) {
            trace.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** ". Did you mean 'jobs'?" when a command is one or two typos away. */
    private String suggestion(String typed) {
        return registry.getCommands().stream().map(Command::getName).filter(n -> !n.contains(" "))
                .min(Comparator.comparingInt(n -> distance(n, typed)))
                .filter(n -> distance(n, typed) <= 2)
                .map(n -> ". Did you mean '" + n + "'?").orElse("");
    }

    /** Edits between two words, a swap of neighbours counting as one (so "jbos" is 1 from "jobs"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
