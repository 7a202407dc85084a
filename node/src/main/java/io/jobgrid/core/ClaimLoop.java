package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The pull loop that shell jobs ({@link Dispatcher}) and Java tasks ({@link TaskRunner}) share.
 * One thread waits for a free slot, takes as many queue items as it holds free slots (up to
 * {@value #MAX_TAKE}: a backlog is taken in one round trip, not one per job), and claims each
 * record, fenced by attempt. A successful claim is handed to the runner on {@code workers}; a
 * failed one gives its slot back, and the item is queued again unless it was stale.
 *
 * <p>An item taken by a member that dies before its claim lands is not lost: the owners of the
 * QUEUED records queue them again after a member leaves (see {@link Recovery}).
 */
final class ClaimLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);
    /** How long one take waits before the loop checks whether it should go on. */
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * The most items one take asks for. A node takes no more than it has free slots, so a
     * backlog still spreads over the nodes; this only bounds one round trip.
     */
    private static final int MAX_TAKE = 8;

    private final String name;
    private final LocalNode self;
    private final JobStore store;
    private final WorkQueue queues;
    private final Membership membership;
    private final Clock clock;
    private final Executor workers;
    private final Semaphore slots;
    private final BooleanSupplier paused;
    private final Consumer<JobRecord> start;
    private final ConcurrencyLimits limits;
    private volatile boolean taking = true;
    private volatile Thread thread;

    /**
     * @param name    the loop thread's name, and the word its log lines use
     * @param paused  true while this node has no quorum: it takes nothing
     * @param start   runs a claimed attempt; it owns the attempt's slot from then on
     */
    ClaimLoop(String name, LocalNode self, Ports ports, Clock clock, Executor workers, Semaphore slots,
              BooleanSupplier paused, Consumer<JobRecord> start, ConcurrencyLimits limits) {
        this.name = name;
        this.self = self;
        this.store = ports.store();
        this.queues = ports.queue();
        this.membership = ports.membership();
        this.clock = clock;
        this.workers = workers;
        this.slots = slots;
        this.paused = paused;
        this.start = start;
        this.limits = limits;
    }

    void start(WorkQueue.Taker taker) {
        thread = new Thread(() -> loop(taker), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking new work; running attempts go on. */
    void stop() {
        taking = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop(WorkQueue.Taker taker) {
        while (taking) {
            int held = 0; // slots held for a take that has not come back yet
            try {
                if (paused.getAsBoolean()) {
                    TimeUnit.MILLISECONDS.sleep(100); // on the minority side of a split: take nothing
                    continue;
                }
                slots.acquire();
                held = 1 + moreFreeSlots();
                List<QueueItem> items = taker.take(held, POLL);
                slots.release(held - items.size());
                held = 0;
                items.forEach(this::claimOrRelease);
            } catch (InterruptedException e) {
                slots.release(held);
                break;
            } catch (RuntimeException e) {
                slots.release(held);
                if (!membership.active()) {
                    break; // this member is leaving
                }
                LOG.warn("{}: {}", name, e.toString());
            }
        }
    }

    /** The other free slots, up to {@value #MAX_TAKE} in all, held for one take. */
    private int moreFreeSlots() {
        int more = 0;
        while (more < MAX_TAKE - 1 && slots.tryAcquire()) {
            more++;
        }
        return more;
    }

    /** Claims the item; a claim that cannot even be sent gives its slot back and its item to recovery. */
    private void claimOrRelease(QueueItem item) {
        try {
            if (!limits.admit(item)) {
                slots.release(); // parked: offered again when the key's permit is released
                return;
            }
            claim(item);
        } catch (RuntimeException e) {
            slots.release();
            if (membership.active()) {
                LOG.warn("job={} attempt={} node={} claim not sent: {}", item.id(), item.attempt(), self.name(), e.toString());
                try {
                    claimFailed(item, e);
                } catch (RuntimeException again) {
                    // the grid is failing this member; the record's owner queues the job again (Recovery)
                    LOG.warn("job={} attempt={} node={} not queued again: {}", item.id(), item.attempt(), self.name(),
                            again.toString());
                }
            }
        }
    }

    private void claim(QueueItem item) {
        store.updateAsync(item.id(), new JobUpdates.Claim(item.id(), item.attempt(), self.name(), self.id(),
                clock.instant())).whenCompleteAsync((change, error) -> {
                    if (error == null) {
                        start.accept(change.after());
                    } else {
                        slots.release();
                        claimFailed(item, error instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : error);
                    }
                }, workers);
    }

    private void claimFailed(QueueItem item, Throwable error) {
        limits.claimFailed(item);
        if (error instanceof NotYetException) {
            store.get(item.id()).ifPresent(queues::offer);
        } else if (!(error instanceof StaleAttemptException) && !(error instanceof NotFoundException)) {
            LOG.warn("job={} attempt={} node={} claim failed, queueing it again: {}", item.id(), item.attempt(),
                    self.name(), error.toString());
            store.get(item.id()).filter(r -> r.state() == JobState.QUEUED).ifPresent(queues::offer);
        }
    }
}
