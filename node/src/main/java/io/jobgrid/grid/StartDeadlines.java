package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue deadlines ({@link io.jobgrid.api.JobSpec#startWithin}) of the jobs that have one, in
 * their own small map ({@link GridNames#START_DEADLINES}: job id to the epoch millisecond it must
 * start by), so that the once-a-second expiry sweep reads only those jobs rather than every record
 * a member holds. Before it, the sweep ran a predicate over all local records and cost 110-175 µs
 * of CPU per job in {@code bin/bench shell-throughput}, where no job had a deadline.
 *
 * <p>An entry is written before its record, with the record's backups, and is keyed like it, so
 * both live in the same partition and move together. It is a hint, never the truth: the sweep
 * reads the record and expires it only if {@link JobRecord#startDeadlinePassed} says so, atomically
 * against a claim. An entry whose record can no longer expire (it started, ended, or is gone) is
 * dropped when its deadline comes, so the map holds at most the jobs whose deadline is still ahead
 * plus those being expired.
 */
public final class StartDeadlines {
    private final IMap<String, Long> deadlines;
    private final IMap<String, JobRecord> jobs;

    public StartDeadlines(HazelcastInstance hz) {
        this.deadlines = hz.getMap(GridNames.START_DEADLINES);
        this.jobs = hz.getMap(GridNames.JOBS);
    }

    /** Notes the deadline of a record about to be stored, if it has one; nothing otherwise. */
    public void noteBeforeCreate(JobRecord record) {
        Instant by = deadlineOf(record);
        if (by != null) {
            deadlines.set(record.id().value(), by.toEpochMilli());
        }
    }

    /** {@link #noteBeforeCreate} for many records, in one call per thousand. */
    public void noteBeforeCreate(Collection<JobRecord> records) {
        Map<String, Long> batch = new HashMap<>();
        for (JobRecord r : records) {
            Instant by = deadlineOf(r);
            if (by != null) {
                batch.put(r.id().value(), by.toEpochMilli());
            }
            if (batch.size() == 1000) {
                deadlines.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deadlines.putAll(batch);
        }
    }

    /**
     * The records whose primary copy this member holds, whose deadline has passed, and that may
     * still expire. Entries whose records can no longer expire are dropped here.
     */
    public Collection<JobRecord> localDue(Instant now) {
        Set<String> keys = deadlines.localKeySet(Predicates.lessEqual(
                com.hazelcast.query.QueryConstants.THIS_ATTRIBUTE_NAME.value(), now.toEpochMilli()));
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, JobRecord> records = jobs.getAll(keys);
        List<JobRecord> due = new ArrayList<>();
        for (String key : keys) {
            JobRecord r = records.get(key);
            if (r != null && r.startDeadlinePassed(now)) {
                due.add(r);
            } else {
                deadlines.delete(key); // started, ended or gone: it never expires now
            }
        }
        return due;
    }

    /**
     * Notes the deadlines of every unstarted job in memory: after a full restart the records come
     * back from the history store, which keeps no deadline entries. One query over the cluster.
     */
    public int rebuild() {
        Collection<JobRecord> unstarted = jobs.values(Predicates.and(
                Predicates.in(JobAttributes.STATE, JobState.WAITING.name(), JobState.QUEUED.name()),
                Predicates.lessThan(JobAttributes.START_BY, Long.MAX_VALUE)));
        noteBeforeCreate(unstarted);
        return unstarted.size();
    }

    private static Instant deadlineOf(JobRecord r) {
        return r.attempt() == 0 ? r.spec().startBy(r.createdAt()) : null;
    }
}
