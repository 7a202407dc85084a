package io.jobgrid.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jobgrid.api.EventStream;
import io.jobgrid.api.Events;
import io.jobgrid.api.GridEvent;
import io.jobgrid.api.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /api/v1/events}: the cluster's job and membership events as Server-Sent Events.
 * Written by hand rather than with Javalin's SSE helper, which answers only requests whose
 * {@code Accept} is exactly {@code text/event-stream}; here any client (curl, the console) gets the
 * stream. The request's own thread writes; a slow reader blocks only that thread, while the hub
 * keeps offering into its bounded buffer and counts what does not fit.
 *
 * <p>Events: {@code hello} (this node and the current members), {@code job}, {@code member}, and
 * {@code dropped} ({@code {"dropped":N}}: N events were not delivered to this reader because it
 * fell behind; re-read state from the API). A comment line every 15 s keeps idle connections open.
 */
public final class EventRoutes {
    public static final int DEFAULT_BUFFER = 4096;
    public static final int MAX_BUFFER = 65_536;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Events hub;

    public EventRoutes(Events hub) {
        this.hub = hub;
    }

    public void register(Javalin app) {
        app.get("/api/v1/events", this::stream);
    }

    private void stream(Context ctx) throws IOException {
        int buffer = JobRoutes.intParam(ctx, "buffer", DEFAULT_BUFFER);
        if (buffer < 1 || buffer > MAX_BUFFER) {
            throw new InvalidInputException("buffer", "buffer must be between 1 and " + MAX_BUFFER + " events, but was "
                    + buffer);
        }
        try (EventStream sub = hub.subscribe(buffer)) {
            ctx.status(200);
            ctx.contentType("text/event-stream; charset=utf-8");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            ctx.res().flushBuffer();
            pump(sub, out);
        } catch (IOException gone) {
            // the reader went away (or stalled past the server's idle timeout)
        } catch (InterruptedException stopping) {
            // the server is stopping and interrupted its threads: the stream simply ends
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(EventStream sub, OutputStream out) throws IOException, InterruptedException {
        while (!sub.closed()) {
            GridEvent event = sub.poll(KEEP_ALIVE);
            long dropped = sub.takeDropped();
            if (dropped > 0) {
                write(out, wire(new GridEvent("dropped", "{\"type\":\"dropped\",\"dropped\":" + dropped
                        + ",\"droppedTotal\":" + sub.droppedTotal() + "}")));
            }
            if (event != null) {
                write(out, wire(event));
            } else if (!sub.closed()) {
                write(out, ": keep-alive\n\n");
            }
            if (sub.isEmpty()) {
                out.flush(); // flush once the burst is written, not after every event
            }
        }
    }

    /** The event in the wire format of {@code text/event-stream}. */
    static String wire(GridEvent event) {
        return "event: " + event.name() + "\ndata: " + event.data() + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
