package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

/**
 * Counts of the job records this member owns (primary copies only). Each count is answered from
 * this member's own partitions through the state index, so it costs no network and is cheap
 * enough to compute on every scrape.
 */
public final class OwnedJobs {
    private final IMap<String, JobRecord> jobs;

    public OwnedJobs(HazelcastInstance hz) {
        this.jobs = hz.getMap(GridNames.JOBS);
    }

    public long inState(JobState state) {
        return jobs.localKeySet(Predicates.equal(JobAttributes.STATE, state.name())).size();
    }

    public long all() {
        return jobs.getLocalMapStats().getOwnedEntryCount();
    }
}
