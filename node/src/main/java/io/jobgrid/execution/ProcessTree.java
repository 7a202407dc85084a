package io.jobgrid.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a job's whole process tree. Every job starts as the leader of its own session and process
 * group (through {@code setsid}), so a signal to the group reaches grandchildren too; descendants
 * found by walking the tree are signalled as well, for any that left the group.
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

    private ProcessTree() {
    }

    /** SIGTERM to the group and tree, then SIGKILL to whatever is left after {@code grace}. */
    public static void kill(Process process, Duration grace) {
        List<ProcessHandle> tree = snapshot(process);
        signalGroup(process.pid(), "TERM");
        tree.forEach(ProcessHandle::destroy);
        if (!grace.isZero()) {
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.addAll(snapshot(process));
        signalGroup(process.pid(), "KILL");
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> snapshot(Process process) {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        return all;
    }

    private static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("cannot signal process group {}: {}", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
