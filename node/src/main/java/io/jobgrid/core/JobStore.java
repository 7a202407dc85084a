package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The job records: the truth about every job. Every change that depends on the current state
 * goes through {@link #update}, which is atomic per record.
 */
public interface JobStore {
    /** Stores a new record; false (and nothing written) when the id exists. */
    boolean create(JobRecord record);

    /**
     * Stores a record whose id is fresh from the id generator, so no record can have it: a store
     * may skip the existence check (with persistence on, that check is a database read).
     */
    default void createNew(JobRecord record) {
        create(record);
    }

    /** Stores many new records in batches; for ids fresh from the id generator. */
    void createAll(Collection<JobRecord> records);

    Optional<JobRecord> get(JobId id);

    Map<JobId, JobRecord> getAll(Collection<JobId> ids);

    /** Applies {@code update} atomically; rethrows its refusal. */
    Change update(JobId id, JobUpdate update);

    /** The same, without blocking the caller. */
    CompletionStage<Change> updateAsync(JobId id, JobUpdate update);

    /** Records matching the query, newest first. */
    List<JobRecord> query(JobQuery query);

    /** Records in one of {@code states} whose primary copy lives on this member. */
    Collection<JobRecord> localRecords(JobState... states);

    /**
     * Records whose primary copy lives on this member that never started and whose queue deadline
     * has passed at {@code now} ({@link JobRecord#startDeadlinePassed}). A store may find them
     * through an index; the default reads every local WAITING and QUEUED record.
     */
    default Collection<JobRecord> localRecordsPastStartDeadline(java.time.Instant now) {
        return localRecords(JobState.WAITING, JobState.QUEUED).stream().filter(r -> r.startDeadlinePassed(now)).toList();
    }

    /**
     * How many records the store holds in each state, cluster-wide, every state present (zeros
     * too); from counts kept as records change, not by reading every record, where the store can.
     */
    Map<JobState, Long> countByState();

    /** How many records the store holds, cluster-wide. */
    int size();
}
