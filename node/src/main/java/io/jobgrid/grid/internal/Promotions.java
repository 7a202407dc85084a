package io.jobgrid.grid.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.partition.impl.InternalPartitionServiceImpl;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.spi.impl.NodeEngineImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the master promote a departed member's backups at once when Hazelcast has paused its
 * partition tasks after a failed migration.
 *
 * <p>When a migration fails, Hazelcast's master pauses all its partition tasks for 3 s (fixed, not
 * configurable in 5.7), and the promotion of a departed member's backups is one of those tasks. A
 * member that dies while partitions migrate to or from it (it had just rejoined, or another member
 * had) fails those migrations as it leaves, so its partitions kept it as their owner for 3 s more:
 * its jobs' records could be neither read nor re-queued, and the re-queue of its jobs took 3.1-3.2 s
 * instead of a fraction of one (chaos runs, hangs only, p99). Measured on 4 in-JVM members with a
 * member killed mid-migration: promotion 3.0 s after the removal in 5 of 12 kills; 0.26 s with
 * the pause lifted (the migration thread re-checks every 250 ms).
 *
 * <p>The pause is lifted only while a departed member still owns partitions, so it only lets the
 * promotions (and the repartitioning that Hazelcast runs with them) go ahead; a failed migration
 * between live members is left to Hazelcast's back-off. It is not only a failed migration that
 * disallows the tasks: a new master disallows them too while it takes over from a master that
 * died, and this then lifts that pause as well (seen in the log of chaos runs that killed the
 * master; those runs lost no job and left none stuck). Uses Hazelcast internals
 * ({@link InternalPartitionServiceImpl}): checked by {@code InternalsTest} on an upgrade.
 */
final class Promotions {
    private static final Logger LOG = LoggerFactory.getLogger(Promotions.class);

    private Promotions() {
    }

    /**
     * On the master, resumes partition tasks that a failed migration paused. Returns whether it
     * did; does nothing elsewhere. Never throws: the caller's wait for promotion must go on.
     */
    static boolean unpause(HazelcastInstance hz) {
        try {
            NodeEngineImpl engine = Util.getNodeEngine(hz);
            if (!engine.getClusterService().isMaster()
                    || !(engine.getPartitionService() instanceof InternalPartitionServiceImpl partitions)
                    || partitions.areMigrationTasksAllowed()) {
                return false;
            }
            partitions.resumeMigration();
        } catch (RuntimeException e) {
            // Internals changed, or the member is stopping: the wait for promotion goes on without it.
            LOG.debug("could not resume partition tasks: {}", e.toString());
            return false;
        }
        LOG.info("resumed the partition tasks Hazelcast paused after a failed migration, so the departed "
                + "member's backups are promoted now");
        return true;
    }
}
