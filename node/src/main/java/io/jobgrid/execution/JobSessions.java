package io.jobgrid.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether each job starts as the leader of a session of its own (through {@code setsid}).
 *
 * <p>A job in its own session is out of reach of the signals a terminal sends to the node's
 * process group: a Ctrl-C, or a hang-up, in the terminal of a node run in the foreground would
 * otherwise kill every running job before the node could hand it back. The price is one more
 * program run per job: {@code setsid} is exec'd first and then execs the job, and that second exec
 * costs about as much as the job's own (measured from a warm JVM on two threads: {@code /bin/sh -c
 * true} at 2,250-2,450 starts/s and 0.76-0.82 ms of machine CPU each, the same behind
 * {@code setsid} at 1,240-1,330/s and 1.42-1.52 ms). A node with no controlling terminal (started
 * by {@code bin/jobgrid up}, a service manager, a container or a test) gets no such signals, so by
 * default only a node that has a terminal pays it.
 *
 * <p>Either way a kill reaches the whole tree: see {@link ProcessTree}.
 */
public enum JobSessions {
    /** A session per job only when this process has a controlling terminal (the default). */
    AUTO,
    /** A session per job always (when {@code setsid} is installed). */
    ALWAYS,
    /** Jobs stay in the node's session and process group. */
    NEVER;

    /** The system property that sets the choice: {@code auto}, {@code always} or {@code never}. */
    public static final String PROPERTY = "jobgrid.jobSessions";

    /** The choice of {@link #PROPERTY}, else {@link #AUTO}; anything else is refused, naming the property. */
    public static JobSessions fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "auto").trim();
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, always or never, not '" + value + "'", e);
        }
    }

    /** Whether jobs get a session of their own, here and now. */
    public boolean ownSession() {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> hasControllingTerminal(Path.of("/proc/self/stat"));
        };
    }

    /**
     * Field 7 of {@code /proc/self/stat}, {@code tty_nr}, is 0 when the process has no controlling
     * terminal. Where that cannot be read (not Linux), a terminal is assumed: the safe side.
     */
    static boolean hasControllingTerminal(Path stat) {
        try {
            String line = Files.readString(stat);
            // the second field, the program's name in parentheses, may itself hold spaces and parentheses
            String[] after = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(after[4]) != 0; // state, ppid, pgrp, session, tty_nr
        } catch (IOException | RuntimeException unreadable) {
            return true;
        }
    }
}
