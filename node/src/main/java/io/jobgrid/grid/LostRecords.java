package io.jobgrid.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapPartitionLostEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so in the log when Hazelcast reports job records lost: a partition of the job map whose
 * primary and backups all died, more of them than the backup count, before Hazelcast had placed
 * them elsewhere. The records of that partition are gone from memory; with persistence on, the
 * unfinished ones are loaded back from the store when a member starts. Hazelcast does not report
 * every loss: a backup promoted before it had been brought up to date (a death while the cluster
 * was not safe) counts as a replica. Without this line a reported loss shows only as missing jobs.
 */
public final class LostRecords {
    private static final Logger LOG = LoggerFactory.getLogger(LostRecords.class);

    private LostRecords() {
    }

    /** Logs, on this member, every partition of the job map that the cluster loses from now on. */
    public static void watch(HazelcastInstance hz) {
        hz.getMap(GridNames.JOBS).addPartitionLostListener(LostRecords::log);
    }

    private static void log(MapPartitionLostEvent event) {
        LOG.error("job records lost: partition {} of {} lost all its copies (reported by {}); its jobs are gone "
                + "unless persistence brings them back", event.getPartitionId(), GridNames.JOBS, event.getMember());
    }
}
