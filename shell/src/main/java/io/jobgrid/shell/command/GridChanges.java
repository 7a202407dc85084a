package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notices that something changed in the grid, from its event stream ({@code GET /api/v1/events})
 * read on a background thread, so a live view can redraw at once instead of at its next tick.
 * A node without the stream (or a broken one) just leaves the view to its periodic refresh.
 */
final class GridChanges implements AutoCloseable {
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicReference<Closeable> stream = new AtomicReference<>();
    private volatile boolean closed;

    private GridChanges() {
    }

    static GridChanges follow(JobgridClient grid) {
        GridChanges changes = new GridChanges();
        Thread reader = new Thread(() -> {
            try {
                grid.events(event -> {
                    if (!"hello".equals(event.name())) {
                        changes.changed.set(true);
                    }
                    return !changes.closed;
                }, s -> {
                    changes.stream.set(s);
                    if (changes.closed) {
                        changes.close();
                    }
                });
            } catch (JobgridClientException | IllegalStateException gone) {
                // no stream: the view still refreshes on its interval
            }
        }, "jobgrid-events");
        reader.setDaemon(true);
        reader.start();
        return changes;
    }

    /** True once per batch of events since the last call. */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    @Override
    public void close() {
        closed = true;
        Closeable s = stream.getAndSet(null);
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the stream is being abandoned anyway
            }
        }
    }
}
