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

/**
 * Cluster-wide concurrency limits per key, on the {@link Permits} port. A taker asks for the
 * permit of a keyed item before it claims the record ({@link #admit}); refused, the item is parked
 * in the key's entry in the same atomic step, and offered to the work queue again when a permit is
 * released ({@link #release}: the attempt ended, was cancelled or timed out, or was lost with its
 * member and re-queued by {@link Recovery}). A permit whose holder's record is no longer RUNNING
 * or QUEUED at the holding attempt (a lost update, a claim that never landed) is stale: a refused
 * acquire checks the holders against their records and drops the stale ones, and
 * {@link #sweep} does so every few seconds for keys with jobs waiting.
 */
public final class ConcurrencyLimits implements Limits {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimits.class);
    /** Rounds of waking more parked items when the woken ones turned out to be gone. */
    private static final int WAKE_ROUNDS = 8;

    private final Permits permits;
    private final JobStore store;
    private final WorkQueue queues;

    public ConcurrencyLimits(Permits permits, JobStore store, WorkQueue queues) {
        this.permits = permits;
        this.store = store;
        this.queues = queues;
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
        KeyPermits.Outcome out = permits.change(key, new KeyPermits.Acquire(item.id().value(), item.attempt() + 1,
                item.text())); // the permit is held in the name of the attempt the claim opens
        if (out.granted()) {
            return true;
        }
        dropStale(key, out.holders()); // the item is parked: a permit freed here wakes it
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
            // the holder is stale now; the next refused acquire or sweep drops it
            LOG.warn("job={} attempt={} permit of {} not released: {}", id, attempt, key, e.toString());
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
            // RUNNING the attempt, or QUEUED with the claim that opens it on its way
            boolean holds = r != null && (r.state() == JobState.RUNNING && r.attempt() == attempt
                    || r.state() == JobState.QUEUED && r.attempt() + 1 == attempt);
            if (!holds) {
                stale.put(id.value(), attempt);
            }
        });
        if (!stale.isEmpty()) {
            LOG.info("concurrency key {}: dropping {} stale permits", key, stale.size());
        }
        reoffer(key, permits.change(key, new KeyPermits.Release(stale)).woken());
    }

    /**
     * Offers the woken items' jobs to the work queue; items whose job moved on (cancelled, re-run)
     * free their turn, so the key is woken again for them.
     */
    private void reoffer(String key, List<String> woken) {
        List<String> items = woken;
        for (int round = 0; round < WAKE_ROUNDS && !items.isEmpty(); round++) {
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
            if (live.size() == parsed.size()) {
                return;
            }
            items = permits.change(key, new KeyPermits.Release(Map.of())).woken();
        }
    }
}
