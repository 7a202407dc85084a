package io.jobgrid.shell.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for tests: a detached tmux session whose pane runs the console, driven with
 * {@code send-keys} and read with {@code capture-pane}, as a person at a keyboard would.
 */
public final class Tmux implements AutoCloseable {
    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    /** True when tmux runs here, installing it with apt-get first if it is missing and we may. */
    public static boolean available() {
        if (works("tmux", "-V")) {
            return true;
        }
        if (works("sh", "-c", "command -v apt-get && [ \"$(id -u)\" = 0 ]")) {
            works("sh", "-c", "apt-get install -y tmux >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 "
                    + "&& apt-get install -y tmux >/dev/null 2>&1)");
        }
        return works("tmux", "-V");
    }

    /** Starts {@code command} (a script path) in a new detached session of the given size. */
    public static Tmux start(String session, int columns, int rows, String command) {
        run("tmux", "new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                command);
        return new Tmux(session);
    }

    /** Types text literally (no key names), without pressing Enter. */
    public void type(String text) {
        run("tmux", "send-keys", "-t", session, "-l", text);
    }

    /** Presses keys by name: Enter, Tab, C-c. */
    public void press(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        run(cmd.toArray(String[]::new));
    }

    /** The pane's text, wrapped lines joined, with up to 500 lines of history. */
    public String screen() {
        return run("tmux", "capture-pane", "-p", "-J", "-S", "-500", "-t", session);
    }

    public boolean alive() {
        return works("tmux", "has-session", "-t", session);
    }

    @Override
    public void close() {
        if (alive()) {
            works("tmux", "kill-session", "-t", session);
        }
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
