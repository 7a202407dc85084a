package io.jobgrid.events;

/**
 * One Server-Sent Event: its name ({@code event:} line) and its data, a single line of JSON.
 *
 * @param name job, member, hello or dropped
 * @param data JSON without raw line breaks, so it fits one {@code data:} line
 */
public record ServerEvent(String name, String data) {
    public ServerEvent {
        if (name == null || data == null || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event needs a name and one line of data, but was " + name);
        }
    }

    /** The event in the wire format of {@code text/event-stream}. */
    public String wire() {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
