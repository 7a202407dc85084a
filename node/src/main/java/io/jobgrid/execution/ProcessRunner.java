package io.jobgrid.execution;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts attempts as local processes, one thread each: the thread reads stdout (and a second
 * thread stderr) into the attempt's {@link OutputBuffer}, stderr bytes marked, until the process
 * ends, then reports.
 */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** How long stray processes holding the output open may outlive the job's own process. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Settings settings;
    /** Whether each job leads a session (and process group) of its own: {@link JobSessions}. */
    private final boolean ownSession;

    /**
     * @param inheritEnv  pass the node's whole environment to jobs (default: only PATH)
     * @param killGrace   time between SIGTERM and SIGKILL
     * @param bufferBytes unflushed output kept per attempt
     * @param commands    the programs this node lets jobs run
     * @param node        this node's name, for log lines and refusals
     * @param sessions    whether jobs get a session of their own (default: {@link JobSessions#fromSystemProperty})
     */
    public record Settings(boolean inheritEnv, Duration killGrace, int bufferBytes, CommandPolicy commands,
                           String node, JobSessions sessions) {
        public Settings {
            commands = commands == null ? CommandPolicy.any() : commands;
            node = node == null ? "local" : node;
            sessions = sessions == null ? JobSessions.fromSystemProperty() : sessions;
        }

        public Settings(boolean inheritEnv, Duration killGrace, int bufferBytes, CommandPolicy commands, String node) {
            this(inheritEnv, killGrace, bufferBytes, commands, node, null);
        }

        public Settings(boolean inheritEnv, Duration killGrace, int bufferBytes) {
            this(inheritEnv, killGrace, bufferBytes, CommandPolicy.any(), null, null);
        }
    }

    public ProcessRunner(Settings settings, ExecutorService threads, ScheduledExecutorService timer, Clock clock) {
        this.settings = settings;
        this.threads = threads;
        this.timer = timer;
        this.clock = clock;
        this.ownSession = settings.sessions().ownSession() && Files.isExecutable(SETSID);
    }

    /** Starts the attempt on its own thread and returns at once. */
    public RunningProcess start(JobId id, int attempt, JobSpec spec, Map<String, String> gridEnv, RunListener listener) {
        RunningProcess run = new RunningProcess(id, attempt, clock.instant(), settings.bufferBytes());
        listener.starting(run);
        threads.execute(() -> runToEnd(run, spec, gridEnv, listener));
        return run;
    }

    private void runToEnd(RunningProcess run, JobSpec spec, Map<String, String> gridEnv, RunListener listener) {
        RunResult result;
        Path workdir = null;
        boolean ownDir = spec.workdir() == null;
        ScheduledFuture<?> deadline = null;
        if (!settings.commands().allows(spec)) {
            // checked again here: the node that accepted the job may allow more than this one
            String why = settings.commands().refusal(spec, settings.node());
            LOG.warn("job={} attempt={} node={} not run: {}", run.id(), run.attempt(), settings.node(), why);
            listener.finished(run, new RunResult(JobState.FAILED, null, "not run: " + why));
            return;
        }
        try {
            workdir = ownDir ? Files.createTempDirectory("jobgrid-" + run.id() + "-" + run.attempt() + "-")
                    : Path.of(spec.workdir());
            Map<String, String> mark = new java.util.HashMap<>();
            Process process = launch(spec, gridEnv, workdir, mark);
            ProcessTree tree = new ProcessTree(process, ownSession, mark);
            run.attach(process, () -> killLater(tree));
            if (spec.timeout() != null) {
                deadline = timer.schedule(() -> run.kill(JobState.TIMED_OUT), spec.timeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            int code = capture(run, process, tree, listener);
            result = outcome(run, code, spec);
        } catch (IOException e) {
            result = new RunResult(JobState.FAILED, null, "cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("job={} attempt={} node={} failed in the runner", run.id(), run.attempt(), settings.node(), e);
            result = new RunResult(JobState.FAILED, null, "runner error: " + e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        if (ownDir && workdir != null) {
            deleteTree(workdir);
        }
        listener.finished(run, result);
    }

    /** Kills on another thread (the grace wait must not hold the caller); inline once shutting down. */
    private void killLater(ProcessTree tree) {
        try {
            threads.execute(() -> tree.kill(settings.killGrace()));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            tree.kill(java.time.Duration.ZERO);
        }
    }

    /** The entries of a job's environment that name its attempt on this node, which its processes inherit. */
    private static Map<String, String> mark(Map<String, String> env) {
        if (!env.containsKey("JOBGRID_JOB_ID")) {
            return Map.of();
        }
        Map<String, String> mark = new java.util.HashMap<>();
        for (String key : List.of("JOBGRID_JOB_ID", "JOBGRID_ATTEMPT", "JOBGRID_NODE")) {
            if (env.containsKey(key)) {
                mark.put(key, env.get(key));
            }
        }
        return mark;
    }

    /** Starts the job's process; {@code mark} receives the entries of its environment that name the attempt. */
    private Process launch(JobSpec spec, Map<String, String> gridEnv, Path workdir, Map<String, String> mark)
            throws IOException {
        List<String> argv = new ArrayList<>();
        if (ownSession) {
            argv.add(SETSID.toString());
        }
        argv.addAll(spec.argv());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workdir.toFile());
        Map<String, String> env = pb.environment();
        if (!settings.inheritEnv()) {
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.clear();
            env.put("PATH", path);
        }
        env.putAll(spec.env());
        env.putAll(gridEnv);
        requireExecutable(spec.argv().get(0), env.get("PATH"));
        mark.putAll(mark(env));
        return pb.start();
    }

    /** Fails up front, with the program's name, rather than as setsid's anonymous exit 127. */
    private static void requireExecutable(String program, String path) throws IOException {
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IOException(program + ": no such executable file");
            }
            return;
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IOException(program + ": not found on PATH " + path);
    }

    /**
     * Reads stdout on this thread until EOF, and stderr on a second thread; returns the exit
     * code. The job ends when its own process exits: any strays still holding the output open a
     * moment later are killed with the rest of its tree ({@link ProcessTree}).
     */
    private int capture(RunningProcess run, Process process, ProcessTree tree, RunListener listener)
            throws IOException {
        AtomicBoolean readerDone = new AtomicBoolean();
        InputStream out = process.getInputStream();
        InputStream err = process.getErrorStream();
        Runnable strays = () -> {
            tree.kill(Duration.ZERO);
            closeQuietly(out);
            closeQuietly(err);
        };
        // The kill scans /proc and may wait for a kill(1): on the run pool, not on the shared timer thread.
        process.onExit().thenRun(() -> timer.schedule(() -> {
            if (!readerDone.get()) {
                try {
                    threads.execute(strays);
                } catch (RejectedExecutionException shuttingDown) {
                    strays.run();
                }
            }
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS));
        CompletableFuture<Void> errors;
        try {
            errors = CompletableFuture.runAsync(() -> pump(run, err, true, listener, new byte[16 * 1024]), threads);
        } catch (RejectedExecutionException shuttingDown) {
            errors = CompletableFuture.completedFuture(null);
            closeQuietly(err);
        }
        boolean pumped = false;
        try {
            pump(run, out, false, listener, new byte[16 * 1024]);
            pumped = true;
        } finally {
            try {
                // the stderr reader ends too before the output is final, whatever the stdout reader did
                if (pumped) {
                    errors.join();
                } else {
                    errors.exceptionally(ignored -> null).join();
                }
            } finally {
                readerDone.set(true);
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** Copies one stream into the attempt's buffer, marked as stderr or not, until EOF or closed. */
    private static void pump(RunningProcess run, InputStream in, boolean fromStderr, RunListener listener, byte[] buf) {
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                run.output().write(buf, 0, n, fromStderr);
                listener.outputReady(run);
            }
        } catch (IOException closed) {
            // closed under us after the process exited, to stop waiting for strays
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to do: the reader stops either way
        }
    }

    private static RunResult outcome(RunningProcess run, int code, JobSpec spec) {
        JobState killed = run.killedFor();
        if (killed == JobState.TIMED_OUT) {
            return new RunResult(JobState.TIMED_OUT, code, "timed out after " + spec.timeout().toSeconds() + "s");
        }
        if (killed == JobState.CANCELLED) {
            return new RunResult(JobState.CANCELLED, code, "cancelled");
        }
        return RunResult.exited(code);
    }

    private static void deleteTree(Path dir) {
        try {
            Files.delete(dir); // most jobs leave their directory empty: one rmdir, no walk
            return;
        } catch (NoSuchFileException e) {
            return; // the job removed it itself
        } catch (IOException e) {
            // not empty, or not deletable: the walk below deletes what it can and names what not
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete workdir {}: {}", dir, e.getMessage());
        }
    }
}
