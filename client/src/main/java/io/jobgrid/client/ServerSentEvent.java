package io.jobgrid.client;

/**
 * One Server-Sent Event of {@code GET /api/v1/events} as it came over the wire: its name
 * ({@code hello}, {@code job}, {@code member}, {@code dropped}) and its data, one line of JSON.
 * {@link GridEvent#parse} gives the typed event.
 */
public record ServerSentEvent(String name, String data) {
    public ServerSentEvent {
        name = name == null || name.isBlank() ? "message" : name;
        data = data == null ? "" : data;
    }
}
