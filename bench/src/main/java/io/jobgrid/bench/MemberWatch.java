package io.jobgrid.bench;

import io.jobgrid.client.GridEvent;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads every member's event stream ({@code GET /api/v1/events}) and keeps the membership
 * changes each one saw, with the time the observing node stamped on them. A stream that breaks
 * (its member was killed, paused or cut off) is opened again every half second; a stream that
 * brings no event for {@link #SILENCE} is treated as broken and closed (a paused or cut-off
 * member sends nothing, not even a reset; during a chaos run job events flow all the time).
 */
final class MemberWatch implements AutoCloseable {
    /** One membership change as {@code observer} saw it. */
    record Change(String observer, String kind, String subject, String subjectId, Instant at) {
    }

    private static final Duration SILENCE = Duration.ofSeconds(20);
    private static final int BUFFER = 4096;

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watch-silence");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean open = true;

    MemberWatch(ChaosMembers members) {
        for (int i = 1; i <= members.count(); i++) {
            String name = members.name(i);
            JobgridClient member = members.client(i);
            Thread t = new Thread(() -> follow(name, member), "watch-" + name);
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The first time a member other than {@code subject} saw it removed, at or after {@code since}. */
    Instant firstRemoval(String subject, Instant since) {
        Instant first = null;
        for (Change c : changes) {
            if (c.kind().equals("removed") && c.subject().equals(subject) && !c.observer().equals(subject)
                    && !c.at().isBefore(since) && (first == null || c.at().isBefore(first))) {
                first = c.at();
            }
        }
        return first;
    }

    private void follow(String observer, JobgridClient member) {
        while (open) {
            try {
                read(observer, member);
            } catch (JobgridClientException | IllegalStateException broken) {
                // killed, paused or cut off: open it again
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(String observer, JobgridClient member) {
        AtomicReference<Closeable> stream = new AtomicReference<>();
        AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> silence = watchdog.scheduleWithFixedDelay(() -> {
            if (!open || System.nanoTime() - lastEvent.get() > SILENCE.toNanos()) {
                closeQuietly(stream.get());
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            member.events(BUFFER, event -> {
                lastEvent.set(System.nanoTime());
                if (event instanceof GridEvent.Member m) {
                    changes.add(new Change(observer, m.event(), m.name(), m.id(), m.at()));
                }
                return open;
            }, stream::set);
        } finally {
            silence.cancel(false);
        }
    }

    private static void closeQuietly(Closeable stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException alreadyGone) {
                // nothing to close
            }
        }
    }

    @Override
    public void close() {
        open = false;
        readers.forEach(Thread::interrupt);
        watchdog.shutdownNow();
    }
}
