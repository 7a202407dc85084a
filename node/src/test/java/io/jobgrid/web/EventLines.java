package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.support.TestJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An open {@code text/event-stream}, read on a thread of its own: every event is kept, and every
 * data line that does not match its schema in the document is kept as a problem.
 */
final class EventLines implements AutoCloseable {
    private static final ObjectMapper JSON = TestJson.MAPPER;

    /** One event: its name and its data. */
    record Event(String name, JsonNode data) {
    }

    private final Stream<String> lines;
    private final EventSchemas schemas;
    private final Consumer<String> onClose;
    private final StringBuffer raw = new StringBuffer();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /** @param onClose given the text read, once the stream is closed */
    EventLines(Stream<String> lines, EventSchemas schemas, Consumer<String> onClose) {
        this.lines = lines;
        this.schemas = schemas;
        this.onClose = onClose;
        Thread reader = new Thread(this::read, "contract-test-events");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String name = null;
        try {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                raw.append(line).append('\n');
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    accept(name, line.substring(6));
                } else if (!line.isEmpty() && !line.startsWith(":")) {
                    problems.add("not a line of text/event-stream: " + line);
                }
            }
        } catch (UncheckedIOException | IllegalStateException closed) {
            // closed by the test or the server
        }
    }

    private void accept(String name, String data) {
        String problem = schemas.problem(name, data);
        if (problem != null) {
            problems.add(problem);
        }
        try {
            events.add(new Event(name, JSON.readTree(data)));
        } catch (IOException e) {
            problems.add("event " + name + " has no JSON data: " + data);
        }
    }

    List<Event> events(String name, Predicate<JsonNode> filter) {
        return events.stream().filter(e -> e.name().equals(name) && filter.test(e.data())).toList();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        lines.close();
        onClose.accept(raw.toString());
    }
}
