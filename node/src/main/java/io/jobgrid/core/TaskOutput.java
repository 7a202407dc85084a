package io.jobgrid.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The lines a Java task logs, appended to its attempt's output tail in order, as a shell job's
 * output is: readable and followable from any node while the task runs.
 */
final class TaskOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TaskOutput.class);
    /** How long the end of a task waits for its output to reach the grid before its result is written anyway. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private final LogStore logs;

    TaskOutput(LogStore logs) {
        this.logs = logs;
    }

    void append(TaskRun run, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (run) {
            long offset = run.written;
            run.written += bytes.length;
            run.appends = run.appends.exceptionally(e -> null).thenCompose(x ->
                    logs.append(run.job().id(), run.attempt(), offset, bytes, false));
        }
    }

    /** Marks the output complete and waits for it, so the output is in the grid before the state says done. */
    void close(TaskRun run) {
        java.util.concurrent.CompletableFuture<Object> last;
        synchronized (run) {
            if (run.written == 0) {
                return;
            }
            long offset = run.written;
            last = run.appends.exceptionally(e -> null).thenCompose(x ->
                    logs.append(run.job().id(), run.attempt(), offset, new byte[0], true));
            run.appends = last;
        }
        try {
            last.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("job={} attempt={} task output not fully stored: {}", run.job().id(), run.attempt(), e.toString());
        }
    }
}
