package io.jobgrid.core;

import io.jobgrid.api.TooLargeException;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.IllegalStateChangeException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.ScheduleFire;
import io.jobgrid.api.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The {@link Schedules} of a node, and its firing: every {@link #SWEEP} this member looks at the schedules
 * whose records it owns and fires those that are due, with no master and no lock. A fire submits an ordinary
 * job with the idempotency key {@code schedule:ID:FIRE_EPOCH_MS} and then moves the schedule's
 * {@code firedUntil} past the fire time (compare-and-set on the record). A member that dies between the two
 * leaves the schedule where it was; the next owner fires the same fire time again, and the key gives it the
 * job that was already made. So one fire time never makes two jobs.
 *
 * <p>A sweep that finds several fire times due fires only the latest. One found more than
 * {@link Schedule#MISFIRE_THRESHOLD} late is missed: {@code misfire none} skips it, {@code one} fires
 * the latest missed time once.
 */
public final class GridSchedules implements Schedules, AutoCloseable {
    /** How often a member looks for due schedules. */
    public static final Duration SWEEP = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(GridSchedules.class);

    private final ScheduleStore store;
    private final Jobs jobs;
    private final Clock clock;
    private final BooleanSupplier mayFire;
    /** Per schedule id: its firedUntil and the next fire time after it (walking a cron costs milliseconds). */
    private final Map<String, Map.Entry<Instant, Instant>> due = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    /** @param mayFire false while this member must not start jobs (on the minority side of a split) */
    public GridSchedules(ScheduleStore store, Jobs jobs, Clock clock, BooleanSupplier mayFire) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.mayFire = mayFire;
    }

    /** Sweeps every {@link #SWEEP} on a thread of its own until {@link #close()}. */
    public synchronized GridSchedules start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Daemons.named("jobgrid-schedules"));
            timer.scheduleWithFixedDelay(this::sweepQuietly, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public Schedule create(Schedule schedule) {
        try {
            jobs.validate(schedule.job()); // refused now, not at every fire
        } catch (TooLargeException big) {
            throw new TooLargeException("job." + big.field(), "job: " + big.getMessage());
        } catch (InvalidInputException bad) {
            throw new InvalidInputException("job." + bad.field(), "job: " + bad.getMessage());
        }
        Schedule stored = schedule.withId(UUID.randomUUID().toString(), clock.instant());
        store.create(stored);
        return stored;
    }

    @Override
    public List<Schedule> list() {
        return store.all();
    }

    @Override
    public Optional<Schedule> get(String id) {
        return store.get(id);
    }

    @Override
    public void delete(String id) {
        if (!store.remove(id)) {
            throw notFound(id);
        }
    }

    @Override
    public Schedule pause(String id) {
        return store.pause(id, true).orElseThrow(() -> notFound(id));
    }

    @Override
    public Schedule resume(String id) {
        return store.pause(id, false).orElseThrow(() -> notFound(id));
    }

    /**
     * Records the fires whose job is stored but whose schedule was not moved past them: every member died
     * between the submit and the compare-and-set, and the idempotency keys (in memory only) died with them,
     * so a sweep would fire that fire time again. For each schedule, the newest job it fired, as the durable
     * history holds it ({@code newestFired}: one read of an index per schedule), moves it when that job's
     * fire time lies after its {@code firedUntil}. Safe while other members sweep: the move is a
     * compare-and-set to where their own move would put it.
     */
    public void catchUp(Function<String, Optional<JobRecord>> newestFired) {
        for (Schedule s : store.all()) {
            try {
                newestFired.apply(s.id()).ifPresent(job -> catchUp(s, job));
            } catch (RuntimeException e) {
                LOG.warn("schedule {} ({}): could not look for its last job: {}", s.id(), s.name(), e.toString());
            }
        }
    }

    private void catchUp(Schedule s, JobRecord job) {
        Optional<ScheduleFire> fire = ScheduleFire.of(job);
        if (fire.isPresent() && fire.get().schedule().equals(s.id()) && fire.get().fireTime().isAfter(s.firedUntil())) {
            LOG.info("schedule={} fire at {} had made job {} before the cluster stopped", s.id(), fire.get().fireTime(),
                    job.id());
            store.advance(s.id(), s.firedUntil(), fire.get().fireTime(), fire.get().fireTime(), job.id());
        }
    }

    /** Fires whatever of this member's schedules is due now. */
    public void sweep() {
        if (!mayFire.getAsBoolean()) {
            return;
        }
        Instant now = clock.instant();
        Collection<Schedule> owned = store.owned();
        due.keySet().retainAll(owned.stream().map(Schedule::id).toList());
        for (Schedule s : owned) {
            try {
                fire(s, now);
            } catch (RuntimeException e) {
                LOG.warn("schedule {} ({}) could not fire: {}", s.id(), s.name(), e.toString());
            }
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.debug("schedule sweep failed (leaving the cluster?): {}", e.toString());
        }
    }

    private void fire(Schedule s, Instant now) {
        Instant due = nextFire(s);
        if (due.isAfter(now)) {
            return;
        }
        if (s.paused()) { // fire times passed while paused are not made up
            store.advance(s.id(), s.firedUntil(), now, null, null);
            return;
        }
        Instant latest = s.latestFireAtOrBefore(now);
        Instant fireTime = latest == null || latest.isBefore(due) ? due : latest;
        boolean missed = fireTime.plus(Schedule.MISFIRE_THRESHOLD).isBefore(now);
        if (missed && s.misfire() == Schedule.Misfire.NONE || !overlapAllows(s)) {
            store.advance(s.id(), s.firedUntil(), fireTime, null, null);
            return;
        }
        JobId job;
        try {
            job = jobs.submit(jobOf(s, fireTime));
        } catch (InvalidInputException refused) {
            // checked when the schedule was made, but this node's policy refuses it (or its task type
            // went away): skip this fire time rather than try it again four times a second
            LOG.warn("schedule={} fire at {} skipped: {}", s.id(), fireTime, refused.getMessage());
            store.advance(s.id(), s.firedUntil(), fireTime, null, null);
            return;
        }
        store.advance(s.id(), s.firedUntil(), fireTime, fireTime, job);
    }

    private Instant nextFire(Schedule s) {
        Map.Entry<Instant, Instant> known = due.get(s.id());
        if (known == null || !known.getKey().equals(s.firedUntil())) {
            Instant next = s.nextFireAfter(s.firedUntil());
            known = Map.entry(s.firedUntil(), next == null ? Instant.MAX : next);
            due.put(s.id(), known);
        }
        return known.getValue();
    }

    /** Whether a fire may start now as far as the previous fire's job goes; cancels it for cancel-previous. */
    private boolean overlapAllows(Schedule s) {
        if (s.lastJob() == null || s.overlap() == Schedule.Overlap.ALLOW) {
            return true;
        }
        boolean running = jobs.get(s.lastJob()).map(r -> !r.state().isTerminal()).orElse(false);
        if (!running) {
            return true;
        }
        if (s.overlap() == Schedule.Overlap.SKIP) {
            return false;
        }
        try {
            jobs.cancel(s.lastJob());
        } catch (IllegalStateChangeException | NotFoundException ended) {
            // it ended meanwhile
        }
        return true;
    }

    /**
     * The job of one fire: the schedule's spec keyed by (schedule, fire time). The key is how the job's record
     * says where it came from ({@link #firedBy}); the record has no field of its own for it.
     */
    static JobSpec jobOf(Schedule s, Instant fireTime) {
        JobSpec.Builder spec = s.job().toBuilder().idempotencyKey(idempotencyKey(s.id(), fireTime));
        return (s.job().name() == null && s.name() != null ? spec.name(s.name()) : spec).build();
    }

    /** The idempotency key of the job fired by {@code schedule} for {@code fireTime}. */
    public static String idempotencyKey(String schedule, Instant fireTime) {
        return ScheduleFire.key(schedule, fireTime);
    }

    /** The schedule and fire time a job was fired for, from its idempotency key; empty for other jobs. */
    public static Optional<Map.Entry<String, Instant>> firedBy(JobRecord job) {
        return ScheduleFire.of(job).map(f -> Map.entry(f.schedule(), f.fireTime()));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("schedule " + id + " does not exist");
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
