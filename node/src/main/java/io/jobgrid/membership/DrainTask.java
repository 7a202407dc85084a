package io.jobgrid.membership;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;

/**
 * Sent through the grid's executor to the node being drained. The drain itself runs on a thread
 * of its own: it waits for jobs and ends by shutting the member down.
 */
public final class DrainTask implements Runnable, Serializable, HazelcastInstanceAware {
    /** Where each member's user context holds the drain of its node (a {@link Runnable}). */
    private static final String DRAIN_KEY = "jobgrid.drain";

    private transient HazelcastInstance hz;

    /** Makes {@code drain} what a drain request sent to this member runs (once; later requests find it started). */
    public static void serve(HazelcastInstance hz, Runnable drain) {
        hz.getUserContext().put(DRAIN_KEY, drain);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public void run() {
        if (hz.getUserContext().get(DRAIN_KEY) instanceof Runnable drain) {
            Thread t = new Thread(drain, "jobgrid-drain");
            t.setDaemon(false);
            t.start();
        }
    }
}
