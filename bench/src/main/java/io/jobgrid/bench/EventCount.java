package io.jobgrid.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A reader of one node's {@code /api/v1/events} that keeps up: it only notes the ids of jobs
 * whose {@code finished} event arrived and adds up the drops the node signals. Shows whether the
 * stream carries every job of a benchmark from any node, with nothing dropped.
 */
final class EventCount implements AutoCloseable {
    private static final Pattern FINISHED = Pattern.compile("\"event\":\"finished\",\"id\":\"([^\"]+)\"");
    private static final Pattern DROPPED = Pattern.compile("\"dropped\":(\\d+)");

    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;
    private volatile boolean droppedEvent;

    private EventCount(String url) {
        // its own client: the benchmark's submitting client keeps its executor's threads busy
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/events?buffer=65536")).GET().build();
        stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    /** Starts following; returns once the node has answered with its {@code hello}. */
    static EventCount follow(String url) throws Exception {
        EventCount count = new EventCount(url);
        CompletableFuture<Void> hello = new CompletableFuture<>();
        count.stream.get(10, TimeUnit.SECONDS);
        Thread reader = new Thread(() -> count.read(hello), "bench-events");
        reader.setDaemon(true);
        reader.start();
        hello.get(10, TimeUnit.SECONDS);
        return count;
    }

    private void read(CompletableFuture<Void> hello) {
        try (Stream<String> lines = stream.join().body()) {
            lines.forEach(line -> {
                if (line.startsWith("event: hello")) {
                    hello.complete(null);
                } else if (line.startsWith("event: dropped")) {
                    droppedEvent = true;
                } else if (line.startsWith("data: ")) {
                    if (droppedEvent) {
                        Matcher m = DROPPED.matcher(line);
                        if (m.find()) {
                            dropped.addAndGet(Long.parseLong(m.group(1)));
                        }
                        droppedEvent = false;
                    } else {
                        Matcher m = FINISHED.matcher(line);
                        if (m.find()) {
                            finished.add(m.group(1));
                        }
                    }
                }
            });
        } catch (RuntimeException closed) {
            // close() cancelled the stream
        }
    }

    /**
     * How many of {@code ids} had their finished event, waiting for stragglers until none has
     * arrived for {@code quiet}.
     */
    long awaitFinished(Collection<String> ids, Duration quiet) throws InterruptedException {
        long seen = ids.stream().filter(finished::contains).count();
        long lastChange = System.nanoTime();
        while (seen < ids.size() && System.nanoTime() - lastChange < quiet.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(200);
            long now = ids.stream().filter(finished::contains).count();
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
        }
        return seen;
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        stream.thenAccept(r -> r.body().close());
    }
}
