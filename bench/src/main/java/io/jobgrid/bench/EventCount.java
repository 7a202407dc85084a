package io.jobgrid.bench;

import io.jobgrid.client.GridEvent;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reader of one node's {@code /api/v1/events} that keeps up: it only notes the ids of jobs
 * whose {@code finished} event arrived and adds up the drops the node signals. Shows whether the
 * stream carries every job of a benchmark from any node, with nothing dropped.
 */
final class EventCount implements AutoCloseable {
    private static final int BUFFER = 65_536;

    private final Map<String, Long> finished = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<Closeable> stream = new CompletableFuture<>();
    private final CompletableFuture<Void> hello = new CompletableFuture<>();

    private EventCount() {
    }

    /** Starts following; returns once the node has answered with its {@code hello}. */
    static EventCount follow(JobgridClient node) throws Exception {
        EventCount count = new EventCount();
        Thread reader = new Thread(() -> count.read(node), "bench-events");
        reader.setDaemon(true);
        reader.start();
        count.hello.get(10, TimeUnit.SECONDS);
        return count;
    }

    private void read(JobgridClient node) {
        try {
            node.events(BUFFER, this::accept, stream::complete);
        } catch (JobgridClientException closed) {
            hello.completeExceptionally(closed); // close() ended the stream, or it never opened
        }
    }

    private boolean accept(GridEvent event) {
        if (event instanceof GridEvent.Hello) {
            hello.complete(null);
        } else if (event instanceof GridEvent.Job job && job.event().equals("finished")) {
            finished.putIfAbsent(job.id(), System.nanoTime());
        } else if (event instanceof GridEvent.Dropped d) {
            dropped.addAndGet(d.dropped());
        }
        return true;
    }

    /**
     * How many of {@code ids} had their finished event, waiting for stragglers until none has
     * arrived for {@code quiet}.
     */
    long awaitFinished(Collection<String> ids, Duration quiet) throws InterruptedException {
        long seen = ids.stream().filter(finished::containsKey).count();
        long lastChange = System.nanoTime();
        while (seen < ids.size() && System.nanoTime() - lastChange < quiet.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(200);
            long now = ids.stream().filter(finished::containsKey).count();
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
        }
        return seen;
    }

    /**
     * Waits until every one of {@code ids} had its finished event, at most {@code limit}; returns
     * the {@link System#nanoTime()} at which the last of them arrived, or -1 when some did not
     * arrive in time (then the caller falls back to the nodes' counters). Watching the stream the
     * benchmark reads anyway costs the nodes nothing more, where polling every node's
     * {@code /metrics} ten times a second cost them about 1 ms of CPU per job.
     */
    long awaitAll(Collection<String> ids, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        List<String> waiting = new ArrayList<>(ids);
        long last = 0;
        int seen = 0;
        while (System.nanoTime() < until) {
            // each id is looked up until it has arrived, then never again, instead of rescanning
            // every arrived id every 20 ms (in a JFR recording this was most of the samples of the
            // bench JVM, but its CPU per job did not move when it went)
            while (seen < waiting.size()) {
                Long at = finished.get(waiting.get(seen));
                if (at == null) {
                    break;
                }
                last = Math.max(last, at);
                seen++;
            }
            if (seen == waiting.size()) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return -1;
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        stream.thenAccept(open -> {
            try {
                open.close();
            } catch (IOException alreadyGone) {
                // the stream ended by itself
            }
        });
    }
}
