package io.jobgrid.core;

import io.jobgrid.api.ConcurrencyLimit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permits of one concurrency key: its limit, the jobs holding a permit (job id to the attempt
 * that holds it: the one its claim opens, one more than its queue item's) and the queue items
 * parked until one is released. It is changed only by a {@link Change} run atomically on the
 * key's entry ({@link Permits#change}), so an acquire either gets a permit or is parked in the
 * same step, and a release wakes what it frees: no wake-up is lost.
 */
public final class KeyPermits implements Serializable {
    private static final long serialVersionUID = 1L;

    private Integer max;
    private final LinkedHashMap<String, Integer> holders = new LinkedHashMap<>();
    private final LinkedHashSet<String> waiting = new LinkedHashSet<>();

    /** The limit; null when none is set. */
    public Integer max() {
        return max;
    }

    /** Job id to the attempt holding the permit (as the record numbers it once claimed). */
    public Map<String, Integer> holders() {
        return holders;
    }

    /** Parked queue items ({@link QueueItem#text()}), oldest first. */
    public Set<String> waiting() {
        return waiting;
    }

    /** A copy that later changes of this one do not touch. */
    public KeyPermits copy() {
        KeyPermits c = new KeyPermits();
        c.max = max;
        c.holders.putAll(holders);
        c.waiting.addAll(waiting);
        return c;
    }

    /** Nothing left to keep: no limit, no holder, nobody waiting. */
    public boolean empty() {
        return max == null && holders.isEmpty() && waiting.isEmpty();
    }

    ConcurrencyLimit view(String key) {
        return new ConcurrencyLimit(key, max, holders.size(), waiting.size());
    }

    /** Takes out as many parked items as there are free permits now (every one without a limit). */
    private List<String> wake() {
        int free = max == null ? waiting.size() : Math.max(0, max - holders.size());
        List<String> woken = new ArrayList<>(Math.min(free, waiting.size()));
        var it = waiting.iterator();
        while (woken.size() < free && it.hasNext()) {
            woken.add(it.next());
            it.remove();
        }
        return woken;
    }

    /**
     * What a change answers.
     *
     * @param granted whether an acquire got its permit
     * @param holders the holders after a refused acquire, which checks them for stale ones; empty
     *                otherwise (a key's holders travel only when they are needed)
     * @param woken   parked items to offer to the work queue again
     * @param view    the key after the change
     */
    public record Outcome(boolean granted, Map<String, Integer> holders, List<String> woken, ConcurrencyLimit view)
            implements Serializable {
    }

    /** One atomic change of a key's permits; runs where the key's entry is. */
    public interface Change extends Serializable {
        /** Changes {@code p} (a fresh one when the key had no entry) and says what happened. */
        Outcome apply(String key, KeyPermits p);
    }

    private Outcome outcome(String key, boolean granted, List<String> woken) {
        return new Outcome(granted, Map.of(), List.copyOf(woken), view(key));
    }

    private Outcome refused(String key) {
        return new Outcome(false, Map.copyOf(holders), List.of(), view(key));
    }

    /**
     * A permit for the item's job, or the item parked. A job that already holds one keeps it, for
     * this attempt or a later one; an item of an attempt older than the one holding is stale (a
     * duplicate left in the queue after a retry started): it is neither granted, which would move
     * the permit to an attempt whose claim fails and whose release would then take the running
     * retry's permit away, nor parked.
     */
    public record Acquire(String jobId, int attempt, String item) implements Change {
        @Override
        public Outcome apply(String key, KeyPermits p) {
            Integer held = p.holders.get(jobId);
            if (held != null && held > attempt) {
                p.waiting.remove(item);
                return p.outcome(key, false, List.of());
            }
            if (held != null || p.max == null || p.holders.size() < p.max) {
                p.holders.put(jobId, attempt);
                p.waiting.remove(item);
                return p.outcome(key, true, List.of());
            }
            p.waiting.add(item);
            return p.refused(key);
        }
    }

    /** Gives back the permits of these job ids, each only if still held by that attempt; idempotent. */
    public record Release(Map<String, Integer> jobs) implements Change {
        @Override
        public Outcome apply(String key, KeyPermits p) {
            jobs.forEach(p.holders::remove); // remove(key, value): only the same attempt
            return p.outcome(key, false, p.wake());
        }
    }

    /**
     * A {@link Release} and then an {@link Acquire}, in one atomic step: what a member does when
     * one of its runs of a key ended a moment before it takes the next item of that key, so that
     * the two cost one trip to the key's entry. The outcome is the acquire's, with the items both
     * woke.
     */
    public record ReleaseThenAcquire(Map<String, Integer> released, Acquire acquire) implements Change {
        @Override
        public Outcome apply(String key, KeyPermits p) {
            Outcome freed = new Release(released).apply(key, p);
            Outcome taken = acquire.apply(key, p);
            if (freed.woken().isEmpty()) {
                return taken;
            }
            List<String> woken = new ArrayList<>(freed.woken());
            woken.addAll(taken.woken());
            return new Outcome(taken.granted(), taken.holders(), List.copyOf(woken), taken.view());
        }
    }

    /**
     * Parks again, first in line, items that were woken but could not be offered to the work
     * queue (the grid failed in between): else their jobs would stay QUEUED with no item anywhere.
     */
    public record Repark(List<String> items) implements Change {
        @Override
        public Outcome apply(String key, KeyPermits p) {
            LinkedHashSet<String> before = new LinkedHashSet<>(p.waiting);
            p.waiting.clear();
            p.waiting.addAll(items);
            p.waiting.addAll(before);
            return p.outcome(key, false, List.of());
        }
    }

    /** Sets the limit (null removes it) and wakes what a higher limit frees. */
    public record SetMax(Integer max) implements Change {
        @Override
        public Outcome apply(String key, KeyPermits p) {
            p.max = max;
            return p.outcome(key, false, p.wake());
        }
    }
}
