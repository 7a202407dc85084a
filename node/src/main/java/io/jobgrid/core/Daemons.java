package io.jobgrid.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread factory of every pool a node starts. */
public final class Daemons {
    private Daemons() {
    }

    /** Daemon threads named PREFIX-1, PREFIX-2, ...: they never keep a stopping node's JVM alive. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
