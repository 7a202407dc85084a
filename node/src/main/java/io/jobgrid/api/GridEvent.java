package io.jobgrid.api;

/**
 * One event of the cluster's live stream: its name and its data, a single line of JSON.
 *
 * @param name job, member, hello or dropped
 * @param data JSON without raw line breaks, so it fits one {@code data:} line of a Server-Sent Event
 */
public record GridEvent(String name, String data) {
    public GridEvent {
        if (name == null || data == null || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event needs a name and one line of data, but was " + name);
        }
    }
}
