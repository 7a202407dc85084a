package io.jobgrid.grid.internal;

import com.hazelcast.core.HazelcastInstance;

/**
 * The one door to Hazelcast's internals: every call jobgrid makes into classes that are not
 * Hazelcast's public API goes through here, so that a Hazelcast upgrade is checked by running
 * this package's tests.
 */
public final class Internals {
    private final HazelcastInstance hz;

    private Internals(HazelcastInstance hz) {
        this.hz = hz;
    }

    public static Internals of(HazelcastInstance hz) {
        return new Internals(hz);
    }

    /**
     * On the master, resumes the partition tasks that Hazelcast paused after a failed migration, so
     * a departed member's backups are promoted at once. Does nothing elsewhere; never throws.
     *
     * @return whether it resumed them
     */
    public boolean resumePartitionTasks() {
        return Promotions.unpause(hz);
    }
}
