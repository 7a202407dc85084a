package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.Throughput;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How many jobs this node finished (ended in any terminal state) in each of the last
 * {@value #INTERVALS} intervals of {@value #INTERVAL_SECONDS} s, aligned to the epoch so that
 * every node's intervals line up and a reader can add them up. Bounded, whatever the rate: the
 * dashboard's throughput chart reads it from each node's published load rather than counting
 * records, which a busy cluster outruns.
 */
public final class FinishedCounts implements JobEvents {
    public static final int INTERVALS = 20;
    public static final int INTERVAL_SECONDS = 30;
    private static final long INTERVAL_MILLIS = INTERVAL_SECONDS * 1000L;

    private final Clock clock;
    private final long[] counts = new long[INTERVALS];
    /** The epoch interval number that {@code counts[newest % INTERVALS]} holds. */
    private long newest;

    public FinishedCounts(Clock clock) {
        this.clock = clock;
        this.newest = interval(clock.instant());
    }

    private static long interval(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), INTERVAL_MILLIS);
    }

    @Override
    public void finished(JobRecord job, Instant attemptStartedAt) {
        if (job.state().isTerminal()) {
            count(1);
        }
    }

    @Override
    public void cancelled(JobRecord job) {
        count(1);
    }

    @Override
    public void skipped(JobRecord job) {
        count(1);
    }

    private synchronized void count(long n) {
        advance(interval(clock.instant()));
        counts[(int) Math.floorMod(newest, INTERVALS)] += n;
    }

    /** Moves the window on to {@code now}, zeroing the intervals it passes. */
    private void advance(long now) {
        if (now <= newest) {
            return;
        }
        for (long i = newest + 1; i <= Math.min(now, newest + INTERVALS); i++) {
            counts[(int) Math.floorMod(i, INTERVALS)] = 0;
        }
        newest = now;
    }

    /** The counts, oldest first; the last is the interval in progress. */
    public synchronized Throughput snapshot() {
        advance(interval(clock.instant()));
        List<Long> out = new ArrayList<>(INTERVALS);
        for (long i = newest - INTERVALS + 1; i <= newest; i++) {
            out.add(counts[(int) Math.floorMod(i, INTERVALS)]);
        }
        return new Throughput(Instant.ofEpochMilli((newest + 1) * INTERVAL_MILLIS), INTERVAL_SECONDS, out);
    }
}
