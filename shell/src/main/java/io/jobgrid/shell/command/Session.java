package io.jobgrid.shell.command;

import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Style;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What commands know about where they run: interactive console or one-shot, a terminal or a pipe
 * (which decides colours and width), the clock, ids seen lately (for tab completion), and how a
 * Ctrl-C reaches the running command. The terminal is only built when output is a terminal.
 */
public class Session {
    private static final int RECENT = 100;

    private final ObjectProvider<Terminal> terminals;
    private final Clock clock;
    private final Deque<String> recentIds = new ArrayDeque<>();
    private final Deque<String> recentVectors = new ArrayDeque<>();
    private final AtomicReference<Closeable> interruptible = new AtomicReference<>();
    private volatile Thread commandThread;
    private volatile boolean interrupted;
    private volatile boolean interactive;
    private volatile boolean tty;

    public Session(ObjectProvider<Terminal> terminals, Clock clock) {
        this.terminals = terminals;
        this.clock = clock;
        this.tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    public Clock clock() {
        return clock;
    }

    public boolean interactive() {
        return interactive;
    }

    /** Set by the launcher: an interactive console, or one command for a script. */
    public void interactive(boolean interactive, boolean tty) {
        this.interactive = interactive;
        this.tty = tty;
    }

    public boolean tty() {
        return tty;
    }

    /** The terminal, when output goes to one (needed to read keys or learn the width). */
    public Optional<Terminal> terminal() {
        return tty ? Optional.ofNullable(terminals.getIfAvailable()) : Optional.empty();
    }

    /** A screen over {@code out} with colours and width when it is a terminal. */
    public Screen screen(PrintWriter out) {
        if (!tty) {
            return new Screen(out, Style.PLAIN, 0, false);
        }
        int width = terminal().map(Terminal::getWidth).orElse(0);
        boolean colours = System.getenv("NO_COLOR") == null;
        return new Screen(out, colours ? Style.ANSI : Style.PLAIN, width, true);
    }

    /** Remembers job ids the person has seen, newest first, for completion. */
    public synchronized void saw(String id) {
        if (id != null && !id.isBlank()) {
            recentIds.remove(id);
            recentIds.addFirst(id);
            while (recentIds.size() > RECENT) {
                recentIds.removeLast();
            }
        }
    }

    public synchronized List<String> recentIds() {
        return new ArrayList<>(recentIds);
    }

    /** Remembers vector names the person has used, newest first, for completion. */
    public synchronized void sawVector(String name) {
        if (name != null && !name.isBlank()) {
            recentVectors.remove(name);
            recentVectors.addFirst(name);
            while (recentVectors.size() > RECENT) {
                recentVectors.removeLast();
            }
        }
    }

    public synchronized List<String> recentVectors() {
        return new ArrayList<>(recentVectors);
    }

    /** The command now running; Ctrl-C interrupts it. */
    public void running(Thread thread) {
        this.commandThread = thread;
        interrupted = false;
        if (thread == null) {
            interruptible.set(null);
        }
    }

    /** True while a command runs. */
    public boolean busy() {
        return commandThread != null;
    }

    /** Something a Ctrl-C must close to unblock the command (a followed log stream). */
    public void onInterrupt(Closeable closeable) {
        interruptible.set(closeable);
    }

    /** True when a Ctrl-C reached the command now running. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Ctrl-C: closes what the command blocks on and interrupts it. */
    public void interrupt() {
        interrupted = commandThread != null;
        Closeable c = interruptible.getAndSet(null);
        Thread t = commandThread;
        if (t != null) {
            t.interrupt();
        }
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the stream is being abandoned anyway
            }
        }
    }
}
