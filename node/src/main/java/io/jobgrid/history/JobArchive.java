package io.jobgrid.history;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.Schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Durable storage of job records, output tails and recurring schedules, behind the in-memory grid: the grid's map
 * stores write to it and load from it, so the records outlive every member. Implementations are
 * safe for concurrent use by every member of a cluster at once (several processes may share one
 * archive); a write of a record replaces the stored one whole.
 */
public interface JobArchive extends AutoCloseable {
    /** Writes records, replacing stored ones with the same id. */
    void storeJobs(Collection<JobRecord> records);

    /** The stored records among {@code ids}; ids not stored are absent from the answer. */
    Map<JobId, JobRecord> loadJobs(Collection<JobId> ids);

    void deleteJobs(Collection<JobId> ids);

    /** Ids of stored records that have not finished: what a restarted cluster must hold in memory. */
    List<JobId> unfinishedIds();

    /** Stored records matching {@code query}, newest first, below its {@code before} cursor. */
    List<JobRecord> page(JobQuery query);

    /**
     * Finished jobs whose end lies before {@code cutoff}, in id order after {@code after} (null: from
     * the first), at most {@code limit}: what retention deletes.
     */
    List<Expired> finishedBefore(Instant cutoff, JobId after, int limit);

    /** How many job records are stored. */
    long countJobs();

    /** Writes output tails, keyed {@code <job id>/<attempt>}. */
    void storeLogs(Map<String, StoredLog> tails);

    Map<String, StoredLog> loadLogs(Collection<String> keys);

    void deleteLogs(Collection<String> keys);

    /** Writes recurring schedules, replacing stored ones with the same id. */
    void storeSchedules(Collection<Schedule> schedules);

    /** The stored schedules among {@code ids}; ids not stored are absent from the answer. */
    Map<String, Schedule> loadSchedules(Collection<String> ids);

    void deleteSchedules(Collection<String> ids);

    /** Ids of every stored schedule: what a restarted cluster brings into memory. */
    List<String> scheduleIds();

    /** Releases connections; the stored data stays. */
    @Override
    void close();

    /** A finished job past retention: its id and how many attempts (output tails) it had. */
    record Expired(JobId id, int attempts) {
    }
}
