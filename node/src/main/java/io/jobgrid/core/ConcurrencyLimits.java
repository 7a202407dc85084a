package io.jobgrid.core;

import io.jobgrid.api.ConcurrencyLimit;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cluster-wide concurrency limits per key, on the {@link Permits} port. A taker asks for the
 * permit of a keyed item before it claims the record ({@link #admit}); refused, the item is parked
 * in the key's entry in the same atomic step, and offered to the work queue again when a permit is
 * released ({@link #release}: the attempt ended, was cancelled or timed out, or was lost with its
 * member and re-queued by {@link Recovery}). A permit whose holder's record is no longer RUNNING
 * or QUEUED at the holding attempt (a lost update, a claim that never landed), nor cancelled or
 * timed out at it within {@link #ENDING_HOLD} (its process may still be dying), is stale: a refused
 * acquire checks the holders against their records and drops the stale ones, and
 * {@link #sweep} does so every few seconds for keys with jobs waiting.
 */
public final class ConcurrencyLimits implements Limits {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimits.class);
    /**
     * How long a job cancelled or timed out while running keeps its permit at most: its process
     * (or a Java task that ignores the interrupt) may still run for the kill grace, and the runner
     * gives the permit back when it is gone; this bounds a permit whose runner died with its member.
     */
    static final java.time.Duration ENDING_HOLD = java.time.Duration.ofSeconds(60);

    private final Permits permits;
    private final JobStore store;
    private final WorkQueue queues;
    /**
     * How long a run's ended permit waits on this member for the next item of its key that this
     * member takes, to go with its acquire in one step ({@link KeyPermits.ReleaseThenAcquire}).
     */
    static final long HOLD_MILLIS = 5;

    private final java.time.Clock clock;
    private final Executor background;
    private final ScheduledExecutorService timer;
    /** Permits of ended runs not yet given back, by key: job id to attempt. */
    private final Map<String, Map<String, Integer>> held = new ConcurrentHashMap<>();

    /**
     * @param background where the jobs a {@link #releaseSoon} wakes are offered (it may block)
     * @param timer      gives back, after {@link #HOLD_MILLIS}, the permits no acquire took along
     */
    public ConcurrencyLimits(Permits permits, JobStore store, WorkQueue queues, java.time.Clock clock,
                             Executor background, ScheduledExecutorService timer) {
        this.permits = permits;
        this.store = store;
        this.queues = queues;
        this.clock = clock;
        this.background = background;
        this.timer = timer;
    }

    @Override
    public ConcurrencyLimit set(String key, int max) {
        JobSpec.checkConcurrencyKey("key", key);
        Limits.checkMax(max);
        KeyPermits.Outcome out = permits.change(key, new KeyPermits.SetMax(max));
        reoffer(key, out.woken());
        return out.view();
    }

    @Override
    public Optional<ConcurrencyLimit> get(String key) {
        JobSpec.checkConcurrencyKey("key", key);
        return permits.get(key).map(p -> p.view(key));
    }

    @Override
    public List<ConcurrencyLimit> list() {
        List<ConcurrencyLimit> out = new ArrayList<>();
        for (Permits.Keyed k : permits.all()) {
            out.add(k.permits().view(k.key()));
        }
        out.sort(java.util.Comparator.comparing(ConcurrencyLimit::key));
        return out;
    }

    @Override
    public boolean delete(String key) {
        JobSpec.checkConcurrencyKey("key", key);
        Optional<KeyPermits> now = permits.get(key);
        if (now.isEmpty() || now.get().max() == null) {
            return false;
        }
        reoffer(key, permits.change(key, new KeyPermits.SetMax(null)).woken());
        return true;
    }

    /**
     * Whether the item's job may start now: true without a key, or with the key's permit taken.
     * False when it was parked; it is offered again when a permit is released.
     */
    boolean admit(QueueItem item) {
        String key = item.concurrencyKey();
        if (key == null) {
            return true;
        }
        // the permit is held in the name of the attempt the claim opens
        KeyPermits.Acquire acquire = new KeyPermits.Acquire(item.id().value(), item.attempt() + 1, item.text());
        Map<String, Integer> ended = held.remove(key);
        KeyPermits.Outcome out;
        try {
            out = permits.change(key, ended == null ? acquire : new KeyPermits.ReleaseThenAcquire(Map.copyOf(ended), acquire));
        } catch (RuntimeException e) {
            if (ended != null) {
                ended.forEach((id, attempt) -> hold(key, id, attempt)); // a release is idempotent: sent again
            }
            throw e;
        }
        if (!out.woken().isEmpty()) {
            wakeLater(key, out.woken(), item.id(), item.attempt());
        }
        if (out.granted()) {
            return true;
        }
        if (!out.holders().isEmpty()) {
            dropStale(key, out.holders()); // the item is parked: a permit freed here wakes it
        } // else no holder to check (a limit of 0), or the item was stale and dropped
        return false;
    }

    /** Gives back the permit attempt {@code attempt} of the job holds, if it holds one, and wakes who may start. */
    void release(JobSpec spec, JobId id, int attempt) {
        String key = spec.concurrencyKey();
        if (key == null) {
            return;
        }
        try {
            reoffer(key, permits.change(key, new KeyPermits.Release(Map.of(id.value(), attempt))).woken());
        } catch (RuntimeException e) {
            // not released (the holder is stale now: the next refused acquire or sweep drops it), or
            // released with the jobs it woke parked again first in line
            LOG.warn("job={} attempt={} permit of {}: release or wake failed: {}", id, attempt, key, e.toString());
        }
    }

    /**
     * {@link #release} without waiting: what ends a run gives its permit back this way, so its
     * thread is free at once. The permit is held here for {@link #HOLD_MILLIS}: if this member
     * takes an item of the same key meanwhile, the release goes with that item's acquire, in one
     * step; else it is sent alone. Holding a permit a few milliseconds longer never lets more run.
     * The jobs the release wakes are offered on the background executor; if that is shut down
     * (this member is stopping), they are parked again.
     */
    void releaseSoon(JobSpec spec, JobId id, int attempt) {
        String key = spec.concurrencyKey();
        if (key != null) {
            hold(key, id.value(), attempt);
        }
    }

    private void hold(String key, String id, int attempt) {
        boolean[] first = new boolean[1];
        held.compute(key, (k, jobs) -> {
            Map<String, Integer> out = jobs == null ? new HashMap<>() : jobs;
            first[0] = jobs == null;
            out.put(id, attempt);
            return out;
        });
        if (first[0]) {
            try {
                timer.schedule(() -> sendHeld(key), HOLD_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                sendHeld(key);
            }
        }
    }

    /** Sends the permits of {@code key} still held here, alone; those an acquire took along are gone. */
    private void sendHeld(String key) {
        Map<String, Integer> ended = held.remove(key);
        if (ended == null) {
            return;
        }
        java.util.concurrent.CompletionStage<KeyPermits.Outcome> sent;
        try {
            sent = permits.changeAsync(key, new KeyPermits.Release(Map.copyOf(ended)));
        } catch (RuntimeException e) {
            // not released: the holders are stale now, and the next refused acquire or sweep drops them
            LOG.warn("permits of {} held by {}: release failed: {}", key, ended, e.toString());
            return;
        }
        sent.whenComplete((out, error) -> {
            if (error != null) {
                LOG.warn("permits of {} held by {}: release failed: {}", key, ended, error.toString());
            } else if (!out.woken().isEmpty()) {
                wakeLater(key, out.woken(), null, 0);
            }
        });
    }

    /** Sends every permit still held here; called when this member stops taking work. */
    void sendAllHeld() {
        List.copyOf(held.keySet()).forEach(this::sendHeld);
    }

    private void wakeLater(String key, List<String> woken, JobId id, int attempt) {
        try {
            background.execute(() -> {
                try {
                    reoffer(key, woken);
                } catch (RuntimeException e) {
                    LOG.warn("permit of {} (job={} attempt={}): wake failed: {}", key, id, attempt, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            try {
                permits.changeAsync(key, new KeyPermits.Repark(woken));
            } catch (RuntimeException e) {
                LOG.warn("permit of {}: {} woken jobs not parked again: {}", key, woken.size(), e.toString());
            }
        }
    }

    /**
     * A claim that did not land: the permit is given back unless the record runs at that attempt
     * (a duplicate item, claimed by another taker that holds the same permit).
     */
    void claimFailed(QueueItem item) {
        if (item.concurrencyKey() == null) {
            return;
        }
        Optional<JobRecord> now = store.get(item.id());
        int opened = item.attempt() + 1;
        if (now.isEmpty() || now.get().state() != JobState.RUNNING || now.get().attempt() != opened) {
            reoffer(item.concurrencyKey(), permits.change(item.concurrencyKey(),
                    new KeyPermits.Release(Map.of(item.id().value(), opened))).woken());
        }
    }

    /** Drops stale holders of this member's keys with jobs waiting and wakes what that frees; the safety net. */
    void sweep() {
        for (Permits.Keyed k : permits.owned()) {
            if (!k.permits().waiting().isEmpty()) {
                dropStale(k.key(), Map.copyOf(k.permits().holders()));
            }
        }
    }

    private void dropStale(String key, Map<String, Integer> holders) {
        Map<JobId, Integer> byId = new HashMap<>();
        holders.forEach((id, attempt) -> byId.put(new JobId(id), attempt));
        Map<JobId, JobRecord> records = store.getAll(List.copyOf(byId.keySet()));
        Map<String, Integer> stale = new HashMap<>();
        byId.forEach((id, attempt) -> {
            JobRecord r = records.get(id);
            if (!holds(r, attempt)) {
                stale.put(id.value(), attempt);
            }
        });
        if (!stale.isEmpty()) {
            LOG.info("concurrency key {}: dropping {} stale permits", key, stale.size());
        }
        reoffer(key, permits.change(key, new KeyPermits.Release(stale)).woken());
    }

    /**
     * Whether record {@code r} still holds the permit of {@code attempt}: RUNNING that attempt, QUEUED
     * with the claim that opens it on its way, or cancelled or timed out at that attempt less than
     * {@link #ENDING_HOLD} ago (its process may still run until the kill lands; its runner releases).
     */
    private boolean holds(JobRecord r, int attempt) {
        if (r == null) {
            return false;
        }
        if (r.state() == JobState.RUNNING && r.attempt() == attempt
                || r.state() == JobState.QUEUED && r.attempt() + 1 == attempt) {
            return true;
        }
        boolean stopped = r.state() == JobState.CANCELLED || r.state() == JobState.TIMED_OUT;
        return stopped && r.attempt() == attempt && r.finishedAt() != null
                && r.finishedAt().plus(ENDING_HOLD).isAfter(clock.instant());
    }

    /**
     * Offers the woken items' jobs to the work queue; items whose job moved on (cancelled, expired,
     * re-run) free their turn, so the key is woken again for them, until a woken item is live or
     * none is left. Items that could not be offered are parked again, first in line.
     */
    private void reoffer(String key, List<String> woken) {
        List<String> items = woken;
        while (!items.isEmpty()) {
            int live;
            try {
                live = offerLive(items);
            } catch (RuntimeException e) {
                permits.change(key, new KeyPermits.Repark(items));
                throw e;
            }
            if (live == items.size()) {
                return;
            }
            items = permits.change(key, new KeyPermits.Release(Map.of())).woken();
        }
    }

    /** Offers the jobs of those items still QUEUED at the item's attempt; returns how many were. */
    private int offerLive(List<String> items) {
        List<QueueItem> parsed = items.stream().map(QueueItem::parse).toList();
        Map<JobId, JobRecord> records = store.getAll(parsed.stream().map(QueueItem::id).toList());
        List<JobRecord> live = new ArrayList<>();
        for (QueueItem item : parsed) {
            JobRecord r = records.get(item.id());
            if (r != null && r.state() == JobState.QUEUED && r.attempt() == item.attempt()) {
                live.add(r);
            }
        }
        queues.offerAll(live);
        return live.size();
    }
}
