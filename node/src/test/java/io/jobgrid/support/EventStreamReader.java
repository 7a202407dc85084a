package io.jobgrid.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a node's {@code /api/v1/events} over real HTTP on a thread of its own, collecting every event. */
public final class EventStreamReader implements AutoCloseable {
    private static final ObjectMapper JSON = TestJson.MAPPER;

    /** One received event: its name and its parsed data. */
    public record Event(String name, JsonNode data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final int status;
    private final Thread thread;

    private EventStreamReader(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        this.thread = new Thread(this::read, "test-sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public static EventStreamReader open(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events")).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        return new EventStreamReader(r);
    }

    private void read() {
        String name = null;
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, JSON.readTree(line.substring(6))));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException closed) {
            // stream closed by the test or the server
        }
    }

    public int status() {
        return status;
    }

    public List<Event> events() {
        return events;
    }

    public List<Event> events(String name, Predicate<JsonNode> filter) {
        return events.stream().filter(e -> name.equals(e.name()) && filter.test(e.data())).toList();
    }

    @Override
    public void close() {
        lines.close();
    }
}
