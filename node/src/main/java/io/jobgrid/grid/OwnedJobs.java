package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts of the job records this member owns (primary copies only), answered from this member's
 * own partitions, with no network. A count by state scans every owned record (there is no index:
 * an index would cost a copy on every update of every job), so each is kept for two seconds:
 * a scrape every 100 ms of a node holding 10,000 records otherwise cost more node CPU than the
 * jobs themselves (measured with {@code bin/bench shell-throughput}, which scrapes that often).
 */
public final class OwnedJobs {
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final IMap<String, JobRecord> jobs;
    private final LongSupplier nanos;
    private final Map<JobState, long[]> counted = new EnumMap<>(JobState.class);

    public OwnedJobs(HazelcastInstance hz) {
        this(hz, System::nanoTime);
    }

    OwnedJobs(HazelcastInstance hz, LongSupplier nanos) {
        this.jobs = hz.getMap(GridNames.JOBS);
        this.nanos = nanos;
    }

    /** Owned records in {@code state}, as counted at most two seconds ago. */
    public synchronized long inState(JobState state) {
        long now = nanos.getAsLong();
        long[] last = counted.get(state); // {count, when}
        if (last == null || now - last[1] >= FRESH_NANOS) {
            last = new long[]{jobs.localKeySet(Predicates.equal(JobAttributes.STATE, state.name())).size(), now};
            counted.put(state, last);
        }
        return last[0];
    }

    /** Every owned record, from the map's local statistics (no scan). */
    public long all() {
        return jobs.getLocalMapStats().getOwnedEntryCount();
    }
}
