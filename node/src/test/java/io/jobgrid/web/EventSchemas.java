package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The schemas of the event stream's data lines, as the served document names them in the
 * {@code x-events} extension of {@code GET /api/v1/events} (event name to schema).
 */
final class EventSchemas {
    private static final String COMPONENT = "#/components/schemas/";

    private final BiFunction<String, String, String> check;
    private final Map<String, String> byEvent = new HashMap<>();

    /** @param check the problem of a JSON text against a component schema (named), or null */
    EventSchemas(JsonNode document, BiFunction<String, String, String> check) {
        this.check = check;
        JsonNode events = document.at("/paths/~1api~1v1~1events/get/responses/200/content/text~1event-stream/x-events");
        if (!events.isObject() || events.isEmpty()) {
            throw new AssertionError("the document names no event schemas (x-events of GET /api/v1/events)");
        }
        events.fields().forEachRemaining(e -> {
            String ref = e.getValue().asText();
            if (!ref.startsWith(COMPONENT) || document.at("/components/schemas/" + ref.substring(COMPONENT.length()))
                    .isMissingNode()) {
                throw new AssertionError("x-events names " + e.getKey() + " -> " + ref + ", which is no component schema");
            }
            byEvent.put(e.getKey(), ref.substring(COMPONENT.length()));
        });
    }

    /** What is wrong with one event, or null when it matches its schema. */
    String problem(String event, String data) {
        String schema = byEvent.get(event);
        if (schema == null) {
            return "event '" + event + "' is not in the document; known are " + byEvent.keySet();
        }
        return check.apply(schema, data);
    }
}
