package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.StoreConfig;
import io.jobgrid.history.JobArchive;
import io.jobgrid.history.StoredLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the history bounded, with no coordinator: each member looks after the records whose
 * primary copy it holds. Finished jobs leave memory (they stay in the archive, from where a read by
 * id loads them back) once they are older than {@code keepFinished} or beyond
 * {@code maxFinishedInMemory}; unfinished ones never do, so recovery sweeps still see them all.
 * Finished jobs past {@code retention} are deleted, from memory and archive, with their output.
 */
public final class HistoryKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryKeeper.class);
    private static final int PAGE = 1000;

    private final HazelcastInstance hz;
    private final IMap<String, JobRecord> jobs;
    private final IMap<String, LogTail> logs;
    private final JobArchive archive;
    private final StoreConfig settings;
    private final Clock clock;

    public HistoryKeeper(HazelcastInstance hz, JobArchive archive, StoreConfig settings, Clock clock) {
        this.hz = hz;
        this.jobs = hz.getMap(GridNames.JOBS);
        this.logs = hz.getMap(GridNames.LOGS);
        this.archive = archive;
        this.settings = settings;
        this.clock = clock;
    }

    /** Trims every few seconds, and deletes expired history every tenth of the retention (at most hourly). */
    public void start(ScheduledExecutorService timer) {
        long trimEvery = clamp(settings.keepFinished().dividedBy(2), Duration.ofSeconds(1), Duration.ofSeconds(10));
        timer.scheduleWithFixedDelay(() -> guarded("trim", this::trim), trimEvery, trimEvery, TimeUnit.MILLISECONDS);
        long expireEvery = clamp(settings.retention().dividedBy(10), Duration.ofSeconds(1), Duration.ofHours(1));
        timer.scheduleWithFixedDelay(() -> guarded("retention", this::expire), expireEvery, expireEvery,
                TimeUnit.MILLISECONDS);
    }

    /** Evicts finished records held here that are past the keep time or beyond the count; returns how many. */
    public int trim() {
        long cutoff = clock.instant().minus(settings.keepFinished()).toEpochMilli();
        Set<String> finished = jobs.localKeySet(new Finished());
        if (finished.isEmpty()) {
            return 0;
        }
        List<JobRecord> records = new ArrayList<>(jobs.getAll(finished).values());
        records.sort(Comparator.comparing(HistoryKeeper::end));
        int over = records.size() - settings.maxFinishedInMemory();
        List<JobRecord> candidates = new ArrayList<>();
        for (JobRecord r : records) {
            if (candidates.size() >= over && end(r).toEpochMilli() >= cutoff) {
                break;
            }
            candidates.add(r);
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        // Only what the archive holds in its final form leaves memory: a record whose last change is
        // still in the write-behind queue (or not written because the database is down) stays, so
        // neither a listing nor a restart can find an older state of it.
        Map<JobId, JobRecord> stored = archive.loadJobs(candidates.stream().map(JobRecord::id).toList());
        int evicted = 0;
        for (JobRecord r : candidates) {
            if (!sameFinalState(r, stored.get(r.id()))) {
                continue;
            }
            jobs.evict(r.id().value());
            for (int attempt = 1; attempt <= Math.max(1, r.attempt()); attempt++) {
                logs.evict(StoredLog.key(r.id(), attempt));
            }
            evicted++;
        }
        return evicted;
    }

    /** Deletes finished jobs past retention whose records this member owns, and their output; returns how many. */
    public int expire() {
        Instant cutoff = clock.instant().minus(settings.retention());
        int deleted = 0;
        JobId after = null;
        while (true) {
            List<JobArchive.Expired> page = archive.finishedBefore(cutoff, after, PAGE);
            for (JobArchive.Expired e : page) {
                if (owned(e.id().value())) {
                    jobs.delete(e.id().value());
                    for (int attempt = 1; attempt <= Math.max(1, e.attempts()); attempt++) {
                        logs.delete(StoredLog.key(e.id(), attempt));
                    }
                    deleted++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        if (deleted > 0) {
            LOG.info("retention: deleted {} jobs finished before {}", deleted, cutoff);
        }
        return deleted;
    }

    /** Stored times have millisecond precision, so compare what a later change could alter. */
    private static boolean sameFinalState(JobRecord memory, JobRecord stored) {
        return stored != null && stored.state() == memory.state() && stored.attempt() == memory.attempt()
                && end(stored).toEpochMilli() == end(memory).toEpochMilli()
                && stored.children().equals(memory.children());
    }

    private boolean owned(String key) {
        var owner = hz.getPartitionService().getPartition(key).getOwner();
        return owner != null && owner.localMember();
    }

    private static Instant end(JobRecord r) {
        return r.finishedAt() != null ? r.finishedAt() : r.createdAt();
    }

    private static long clamp(Duration d, Duration min, Duration max) {
        return Math.max(min.toMillis(), Math.min(max.toMillis(), d.toMillis()));
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (HazelcastInstanceNotActiveException leaving) {
            // this member is shutting down
        } catch (RuntimeException e) {
            LOG.warn("{} of job history failed (tried again later): {}", what, e.toString());
        }
    }

    /** Matches finished records; evaluated in memory on this member's partitions only. */
    static final class Finished implements Predicate<String, JobRecord> {
        @Override
        public boolean apply(Map.Entry<String, JobRecord> entry) {
            return entry.getValue().state().isTerminal();
        }
    }
}
