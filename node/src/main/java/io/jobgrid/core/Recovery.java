package io.jobgrid.core;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Recovers the jobs of members that left, with no master: every member sweeps the job records
 * whose primary copy it holds. A RUNNING record whose node is gone is queued again as a new
 * attempt (the attempt number fences out any late result of the old one). After a member leaves,
 * every QUEUED record is queued again too, since the dead member may have taken its item from a
 * queue without claiming it; the duplicate items that makes are discarded at claim time.
 *
 * <p>It also expires, every second, the records held here whose queue deadline passed before they
 * started ({@link #expireUnstarted}).
 *
 * <p>Sweeps run when a member leaves, again as soon as its partitions have been promoted to their
 * backups (its records are then owned here or elsewhere), once the whole cluster has settled,
 * and every few seconds as a safety net. The first two run on threads of their own (see
 * {@link Timers}): the others make blocking cluster calls (whether the cluster is safe asks every
 * member, and waits on a hung one until it is removed; re-offering every QUEUED job is hundreds
 * of remote offers, retried while partitions migrate), and behind them the re-queue of a lost
 * member's jobs waited 2-3 s after its removal (measured in hangs, where the settle sweep of the
 * previous rejoin was still polling).
 */
final class Recovery implements Membership.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);
    private static final Duration PROMOTION_LIMIT = Duration.ofSeconds(5);
    /** A step of a sweep slower than this is logged: it delays every job behind it. */
    private static final Duration SLOW = Duration.ofMillis(500);

    private final Membership membership;
    private final JobStore store;
    private final WorkQueue queues;
    private final Dependents dependents;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService losses;
    private final ScheduledExecutorService promotions;
    private final ScheduledExecutorService expiry;
    private final Clock clock;
    private final JobEvents events;
    private final ConcurrencyLimits limits;
    private volatile BooleanSupplier majority = () -> true;

    /**
     * The threads recovery runs on, so that what blocks on a departed member delays nothing else.
     *
     * @param timer the settle, safety-net and repair sweeps
     * @param losses only the sweeps right after a member left
     * @param promotions only the wait for a departed member's partitions to be promoted, and the
     *     sweep after it: the sweep on {@code losses} may itself wait for that promotion (an
     *     offer to a queue partition the departed member owned)
     * @param expiry only the expiry of jobs past their queue deadline ({@link #expireUnstarted}), so
     *     that sweeps blocked on a departed member do not make them late
     */
    record Timers(ScheduledExecutorService timer, ScheduledExecutorService losses,
                  ScheduledExecutorService promotions, ScheduledExecutorService expiry) {
    }

    Recovery(Ports ports, Dependents dependents, Timers timers, Clock clock, ConcurrencyLimits limits) {
        this.limits = limits;
        this.membership = ports.membership();
        this.store = ports.store();
        this.queues = ports.queue();
        this.dependents = dependents;
        this.timer = timers.timer();
        this.losses = timers.losses();
        this.promotions = timers.promotions();
        this.expiry = timers.expiry();
        this.clock = clock;
        this.events = ports.events();
    }

    void recoverOnlyWhen(BooleanSupplier majority) {
        this.majority = majority;
    }

    void start() {
        membership.listen(this);
        // After a full restart the records came back from the store (QUEUED ones without queue
        // items, RUNNING ones naming members that are gone): queue them once the partitions settle.
        timer.execute(this::sweepWhenSettled);
        timer.scheduleWithFixedDelay(() -> sweep(false), 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::repairWaiting, 30, 30, TimeUnit.SECONDS);
        expiry.scheduleWithFixedDelay(this::expireUnstarted, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Ends the jobs held here that never started and whose queue deadline has passed
     * ({@link io.jobgrid.api.JobSpec#startWithin}): CANCELLED, "not started within ...", their
     * dependents skipped as for any cancelled parent. Each member expires only the records whose
     * primary copy it holds, so after a member dies the new owners of its records do. Atomic
     * against a claim ({@link JobUpdates.Expire}): whichever lands first wins, and a claim that
     * comes after the deadline is refused even before this sweep ran.
     */
    void expireUnstarted() {
        if (!majority.getAsBoolean()) {
            return; // on the minority side of a split: no state changes here
        }
        Instant now = clock.instant();
        java.util.Collection<JobRecord> due;
        try {
            due = store.localRecordsPastStartDeadline(now);
        } catch (RuntimeException e) {
            if (membership.active()) {
                LOG.warn("expiry of unstarted jobs failed: {}", e.toString());
            }
            return;
        }
        for (JobRecord r : due) {
            try {
                expire(r, now);
            } catch (RuntimeException e) {
                if (!membership.active()) {
                    return; // leaving
                }
                LOG.warn("job={} expiry failed, tried again at the next sweep: {}", r.id(), e.toString());
            }
        }
    }

    private void expire(JobRecord r, Instant now) {
        Change change = store.update(r.id(), new JobUpdates.Expire(r.id(), now));
        JobRecord after = change.after();
        if (after != null && change.from() != after.state() && after.state() == JobState.CANCELLED) {
            LOG.info("job={} expired: {}", r.id(), after.error());
            events.cancelled(after);
            dependents.ended(after);
        }
    }

    /**
     * A joining member loses nothing, but one that merges back after a split brain brings records
     * whose queue items were dropped in the merge: queue the waiting ones again once settled.
     */
    @Override
    public void joined() {
        timer.execute(this::sweepWhenSettled);
    }

    @Override
    public void left(String gone, String name) {
        LOG.info("member {} left; recovering its jobs", name);
        losses.execute(() -> sweep(false));
        promotions.execute(() -> sweepWhenPromoted(gone, clock.instant().plus(PROMOTION_LIMIT)));
        timer.schedule(() -> sweepWhenSettled(), 1, TimeUnit.SECONDS); // after the quicker promoted sweep
    }

    /**
     * The first sweep runs before the backups of the departed member's partitions have been
     * promoted, so it misses the records whose primary copy it held. Sweep again as soon as no
     * partition is owned by it any more (a fraction of a second), rather than waiting for the
     * whole cluster to be safe (seconds under load): re-queue within a second of detection.
     * While it waits, the master lifts any pause Hazelcast put on promotions after a failed
     * migration ({@link Membership#awaitingPromotion}). Polls by rescheduling itself, so it holds
     * no timer thread while it waits.
     */
    private void sweepWhenPromoted(String gone, Instant until) {
        try {
            if (membership.awaitingPromotion(gone) && clock.instant().isBefore(until)) {
                promotions.schedule(() -> sweepWhenPromoted(gone, until), 20, TimeUnit.MILLISECONDS);
                return;
            }
        } catch (RuntimeException e) {
            if (!membership.active()) {
                return;
            }
            LOG.warn("recovery: waiting for promotion failed, sweeping now: {}", e.toString());
        }
        sweep(false);
    }

    private void sweepWhenSettled() {
        sweepWhenSettled(clock.instant().plus(SETTLE_LIMIT));
    }

    /** Polls by rescheduling itself, so it holds no thread while the partitions settle. */
    private void sweepWhenSettled(Instant until) {
        try {
            if (!membership.settled() && clock.instant().isBefore(until)) {
                timer.schedule(() -> sweepWhenSettled(until), 100, TimeUnit.MILLISECONDS);
                return;
            }
        } catch (RuntimeException e) {
            if (!membership.active()) {
                return;
            }
            LOG.warn("recovery: checking whether the cluster settled failed, sweeping now: {}", e.toString());
        }
        sweep(true);
        repairWaiting();
    }

    /** Catches up waiting jobs whose parents ended while the member telling them died. */
    void repairWaiting() {
        try {
            dependents.repair(store.localRecords(JobState.WAITING));
        } catch (RuntimeException e) {
            if (!membership.active()) {
                return; // leaving
            }
            LOG.warn("repair of waiting jobs failed: {}", e.toString());
        }
    }

    /**
     * Queues again the lost attempts (and, with {@code requeueQueued}, every QUEUED job) held here.
     * Two sweeps may run at once (see the class comment); the update is atomic, and only the one
     * that moved the record from RUNNING re-queues it. Every record is moved first, then the queue
     * items are offered: an offer may wait for a partition of the departed member to be promoted,
     * and the next record must not wait behind it.
     */
    void sweep(boolean requeueQueued) {
        try {
            Set<String> live = membership.liveMemberIds();
            JobState[] states = requeueQueued ? new JobState[]{JobState.RUNNING, JobState.QUEUED}
                    : new JobState[]{JobState.RUNNING};
            List<JobRecord> requeued = new ArrayList<>();
            List<JobRecord> again = new ArrayList<>();
            boolean onMajority = majority.getAsBoolean();
            for (JobRecord r : store.localRecords(states)) {
                if (r.state() == JobState.RUNNING && !live.contains(r.nodeId()) && onMajority) {
                    requeueLost(r, requeued);
                } else if (r.state() == JobState.QUEUED) {
                    again.add(r);
                }
            }
            long start = System.nanoTime();
            queues.offerAll(requeued);
            requeued.forEach(events::requeuedAfterNodeLoss);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (ms > SLOW.toMillis()) {
                LOG.warn("recovery: the queue items of {} re-queued jobs took {} ms to offer", requeued.size(), ms);
            }
            queues.offerAll(again); // in batches: after a restart these may be tens of thousands
            if (requeued.size() + again.size() > 0) {
                LOG.info("recovery: re-queued {} jobs of lost members, queued {} waiting jobs again", requeued.size(),
                        again.size());
            }
        } catch (RuntimeException e) {
            if (!membership.active()) {
                return; // this member is leaving
            }
            LOG.warn("recovery sweep failed: {}", e.toString());
        }
    }

    /** Moves one lost attempt's record to QUEUED (or FAILED, when lost too often). */
    private void requeueLost(JobRecord r, List<JobRecord> requeued) {
        long start = System.nanoTime();
        Change change = store.update(r.id(), new JobUpdates.RequeueLost(r.id(), r.nodeId(), r.node(),
                clock.instant()));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (ms > SLOW.toMillis()) {
            LOG.warn("recovery: job={} took {} ms to re-queue", r.id(), ms);
        }
        JobRecord after = change.after();
        if (change.from() != JobState.RUNNING || after == null) {
            return; // another sweep got there first
        }
        limits.release(r.spec(), r.id(), r.attempt()); // the lost attempt's permit; its retry asks anew
        if (after.state() == JobState.QUEUED) {
            LOG.info("job={} attempt={} node={} lost with its node; queued again", r.id(), r.attempt(), r.node());
            requeued.add(after);
        } else if (after.state().isTerminal()) {
            dependents.ended(after);
        }
    }
}
