package io.jobgrid.shell.support;

import io.jobgrid.shell.runner.CommandRunner;
import org.springframework.shell.core.InputReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs console commands the way a script does (one command, exit code, stdout and stderr apart). */
public final class Console {
    private final CommandRunner runner;

    public Console(CommandRunner runner) {
        this.runner = runner;
    }

    /** What one command printed and returned. */
    public record Result(int code, String out, String err) {
        public String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    /** Runs the command given as argv words, exactly as the process would receive them. */
    public Result run(String... argv) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runner.run(List.of(argv), new PrintWriter(out), new PrintWriter(err), new InputReader() {
        });
        return new Result(code, out.toString(), err.toString());
    }
}
