package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.jobgrid.api.JobRecord;

/**
 * How many job records this member owns (primary copies only), from the map's local statistics:
 * no scan, no network. The counts by state are {@link StateCounts}'.
 */
public final class OwnedJobs {
    private final IMap<String, JobRecord> jobs;

    public OwnedJobs(HazelcastInstance hz) {
        this.jobs = hz.getMap(GridNames.JOBS);
    }

    /** Every owned record, from the map's local statistics (no scan). */
    public long all() {
        return jobs.getLocalMapStats().getOwnedEntryCount();
    }
}
