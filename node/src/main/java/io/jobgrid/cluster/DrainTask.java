package io.jobgrid.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;

/**
 * Sent through the grid's executor to the node being drained. The drain itself runs on a thread
 * of its own: it waits for jobs and ends by shutting the member down.
 */
final class DrainTask implements Runnable, Serializable, HazelcastInstanceAware {
    static final String NODE_KEY = "jobgrid.node";

    private transient HazelcastInstance hz;

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public void run() {
        if (hz.getUserContext().get(NODE_KEY) instanceof GridNode node && !node.draining()) {
            Thread t = new Thread(node::drain, "jobgrid-drain");
            t.setDaemon(false);
            t.start();
        }
    }
}
