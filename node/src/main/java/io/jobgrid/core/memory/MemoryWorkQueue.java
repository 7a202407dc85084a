package io.jobgrid.core.memory;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.core.QueueItem;
import io.jobgrid.core.WorkQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The work queues in one list. As with {@code HzWorkQueues}, a taker gets only items whose job
 * constraints its node's tags all match, the best-ranked first ({@link JobSpec#queueRank}: higher
 * priority, with aging, then creation time, then job id), whatever their constraints; Java tasks go
 * only to task takers that have their route. A retry
 * waiting out its backoff (a record with {@code notBefore}) is held, and is not handed out
 * before the injected clock reaches that time; takers look at the clock again every few
 * milliseconds while such an item waits, so a test that moves a manual clock forward sees the
 * item handed out at once.
 *
 * <p>Items are hints, as on the grid: duplicates are kept, and a claim discards the stale ones.
 * Nothing is replicated or persisted; items are lost with the JVM.
 */
public final class MemoryWorkQueue implements WorkQueue {
    /** How often a waiting taker looks at the clock again while an item waits out its backoff. */
    private static final Duration CLOCK_CHECK = Duration.ofMillis(5);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition offered = lock.newCondition();
    private final List<Entry> entries = new ArrayList<>();

    /** @param clock decides when a held retry becomes due */
    public MemoryWorkQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void offer(JobRecord job) {
        offerAll(List.of(job));
    }

    @Override
    public void offerAll(List<JobRecord> jobs) {
        lock.lock();
        try {
            for (JobRecord job : jobs) {
                String route = job.spec().hasTask() ? job.spec().task().route() : null;
                QueueItem item = new QueueItem(job.id(), job.attempt(), job.spec().concurrencyKey());
                entries.add(new Entry(item, job.spec().queueRank(job.createdAt()), job.spec().constraints(),
                        job.notBefore(), route));
            }
            offered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Taker takerFor(Map<String, String> tags) {
        Map<String, String> mine = Map.copyOf(tags);
        return wait -> poll(mine, Objects::isNull, wait);
    }

    @Override
    public Taker taskTakerFor(Map<String, String> tags, Predicate<String> hasRoute) {
        Map<String, String> mine = Map.copyOf(tags);
        return wait -> poll(mine, route -> route != null && hasRoute.test(route), wait);
    }

    /** Every item held, due or not, in offer order. */
    public List<QueueItem> items() {
        lock.lock();
        try {
            return entries.stream().map(Entry::item).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The items a taker could get now, whatever its tags: those not held back by a backoff. */
    public List<QueueItem> due() {
        lock.lock();
        try {
            Instant now = clock.instant();
            return entries.stream().filter(e -> e.due(now)).map(Entry::item).toList();
        } finally {
            lock.unlock();
        }
    }

    /** How many items are held, due or not. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private QueueItem poll(Map<String, String> tags, Predicate<String> routes, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                QueueItem item = take(tags, routes);
                long left = deadline - System.nanoTime();
                if (item != null || left <= 0) {
                    return item;
                }
                long nap = anyHeld() ? Math.min(left, CLOCK_CHECK.toNanos()) : left;
                offered.await(nap, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the best-ranked due item for {@code tags}, as the grid's queues order them. */
    private QueueItem take(Map<String, String> tags, Predicate<String> routes) {
        Instant now = clock.instant();
        Entry found = null;
        for (Entry e : entries) {
            if (e.due(now) && e.eligibleOn(tags) && routes.test(e.route()) && (found == null || e.before(found))) {
                found = e;
            }
        }
        if (found == null) {
            return null;
        }
        entries.remove(found);
        return found.item();
    }

    private boolean anyHeld() {
        Instant now = clock.instant();
        return entries.stream().anyMatch(e -> !e.due(now));
    }

    /** One queued item with what decides who may take it and when. */
    private record Entry(QueueItem item, long rank, Map<String, String> constraints, Instant notBefore, String route) {
        Entry {
            Objects.requireNonNull(item, "item");
            constraints = Map.copyOf(constraints);
        }

        /** Ranked ahead of {@code other}: lower rank, then lower job id, as {@code grid.QueueRank} orders. */
        boolean before(Entry other) {
            return rank != other.rank ? rank < other.rank : item.id().compareTo(other.item.id()) < 0;
        }

        boolean due(Instant now) {
            return notBefore == null || !notBefore.isAfter(now);
        }

        boolean eligibleOn(Map<String, String> tags) {
            for (Map.Entry<String, String> c : constraints.entrySet()) {
                if (!c.getValue().equals(tags.get(c.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
