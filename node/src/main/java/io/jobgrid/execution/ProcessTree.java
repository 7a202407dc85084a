package io.jobgrid.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A job's whole process tree, to kill. Three ways find its members, and a kill uses every one
 * it has:
 * <ul>
 *   <li>the job's own process and its living descendants, walked from the process;</li>
 *   <li>the job's process group, when the job leads one of its own (started through
 *       {@code setsid}): a signal to the group reaches grandchildren whose parent has exited;</li>
 *   <li>the job's mark: the {@code JOBGRID_*} variables that name the attempt, which every
 *       process the job starts inherits. Processes carrying the mark are found in {@code /proc},
 *       so a stray that left both the tree (its parent exited) and the group is found too, unless
 *       it cleared its environment.</li>
 * </ul>
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path PROC = Path.of("/proc");

    private final Process process;
    private final boolean ownGroup;
    private final List<byte[]> mark;

    /**
     * @param ownGroup whether the process leads a process group of its own
     * @param mark     environment entries only this attempt's processes carry; empty for none
     */
    public ProcessTree(Process process, boolean ownGroup, Map<String, String> mark) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.mark = mark.entrySet().stream()
                .map(e -> (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** SIGTERM to the group and tree, then SIGKILL to whatever is left after {@code grace}. */
    public void kill(Duration grace) {
        List<ProcessHandle> tree = snapshot();
        signalGroup("TERM");
        tree.forEach(ProcessHandle::destroy);
        if (!grace.isZero()) {
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.addAll(snapshot());
        signalGroup("KILL");
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The tree, the group aside, parents before their children: a shell whose child dies first
     * goes on to its next command ({@code sleep 60; echo end} would write "end") before its own
     * signal arrives. A shell that is signalled first dies in its wait, and then nothing is left to
     * notice the child's death. With a group of its own (setsid), the group's signal reaches
     * everyone at once anyway.
     */
    List<ProcessHandle> snapshot() {
        Map<Long, ProcessHandle> byPid = new LinkedHashMap<>();
        byPid.put(process.pid(), process.toHandle());
        process.toHandle().descendants().forEach(p -> byPid.putIfAbsent(p.pid(), p));
        marked().forEach(p -> byPid.putIfAbsent(p.pid(), p));
        Map<Long, Integer> depth = new HashMap<>();
        byPid.values().forEach(p -> depth.put(p.pid(), ancestors(p)));
        List<ProcessHandle> ordered = new ArrayList<>(byPid.values());
        ordered.sort(Comparator.comparingInt(p -> depth.get(p.pid())));
        return ordered;
    }

    /** How many ancestors the process has (parents of parents, up to the first without one). */
    private static int ancestors(ProcessHandle p) {
        int n = 0;
        for (Optional<ProcessHandle> up = p.parent(); up.isPresent() && n < 4096; up = up.get().parent()) {
            n++;
        }
        return n;
    }

    /** The processes whose environment holds every entry of the mark; those this user may read. */
    List<ProcessHandle> marked() {
        List<ProcessHandle> found = new ArrayList<>();
        if (mark.isEmpty()) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && carriesMark(proc.resolve("environ"))) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for marked processes in {}: {}", PROC, e.toString());
        }
        return found;
    }

    private boolean carriesMark(Path environ) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException goneOrNotOurs) {
            return false;
        }
        for (byte[] entry : mark) {
            if (!holdsEntry(env, entry)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the NUL-separated {@code env} has {@code entry} as one whole entry. */
    static boolean holdsEntry(byte[] env, byte[] entry) {
        int start = 0;
        while (start < env.length) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - start == entry.length && java.util.Arrays.equals(env, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void signalGroup(String signal) {
        if (!ownGroup) {
            return;
        }
        long pgid = process.pid();
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
