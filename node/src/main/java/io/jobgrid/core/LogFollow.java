package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.Jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Follows a job's output as it reaches the grid, across retries, until the job ends. It polls the
 * record and the kept tail, backing off from 50 to 250 ms while nothing new comes: output reaches
 * the grid a few times a second, so a faster poll would only cost round trips.
 */
final class LogFollow {
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 250;

    private final Jobs jobs;

    LogFollow(Jobs jobs) {
        this.jobs = jobs;
    }

    /** Writes {@code stream}'s bytes (null: both); offsets count the interleaved output either way. */
    void follow(JobId id, int attempt, long from, JobLog.Stream stream, OutputStream out) throws IOException {
        int current = 0;
        long offset = from;
        long pause = FIRST_PAUSE_MS;
        while (true) {
            JobRecord job = jobs.require(id);
            int wanted = attempt != 0 ? attempt : Math.max(1, job.attempt());
            if (wanted != current) {
                if (current != 0) {
                    out.write(("[jobgrid] attempt " + wanted + " on " + job.node() + "\n").getBytes(StandardCharsets.UTF_8));
                    offset = 0;
                }
                current = wanted;
            }
            JobLog log = jobs.logs(id, current, offset, stream);
            if (log.data().length > 0 || log.start() > offset) {
                out.write(log.bytesFrom(offset));
                out.flush();
                offset = log.end();
                pause = FIRST_PAUSE_MS;
            }
            boolean attemptOver = attempt != 0 && job.attempt() > attempt;
            if (job.state().isTerminal() || attemptOver) {
                return; // the final output was flushed before the state changed, so this read had it all
            }
            sleep(pause);
            pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following logs", e);
        }
    }
}
