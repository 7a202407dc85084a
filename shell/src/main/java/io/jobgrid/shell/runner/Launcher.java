package io.jobgrid.shell.runner;

import io.jobgrid.shell.command.Session;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Picks what the process does once Spring is up: the interactive console when no command was
 * given, else that one command (output on stdout, errors on stderr, its exit code as the
 * process's). Replaces Spring Shell's own runner, which ignores exit codes and loses quoting.
 * Mode "none" (tests) runs nothing.
 */
public final class Launcher implements ApplicationRunner, ExitCodeGenerator {
    public static final String MODE = "jobgrid.console";

    private final String mode;
    private final ObjectProvider<ConsoleRunner> console;
    private final CommandRunner runner;
    private final Session session;
    private volatile int exitCode;

    public Launcher(String mode, ObjectProvider<ConsoleRunner> console, CommandRunner runner, Session session) {
        this.mode = mode;
        this.console = console;
        this.runner = runner;
        this.session = session;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = List.of(args.getSourceArgs());
        if ("interactive".equals(mode)) {
            exitCode = console.getObject().run();
        } else if ("command".equals(mode)) {
            session.interactive(false, session.tty());
            PrintWriter out = utf8(FileDescriptor.out);
            PrintWriter err = utf8(FileDescriptor.err);
            exitCode = runner.run(words, out, err, new InputReader() {
            });
            out.flush();
            err.flush();
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** UTF-8 whatever the locale says, so "…" and "█" survive a POSIX locale. */
    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
    }
}
