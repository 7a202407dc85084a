package io.jobgrid.core;

import io.jobgrid.api.JobId;

/** Reaches the node that runs an attempt, to stop it. */
@FunctionalInterface
public interface RemoteControl {
    /**
     * Asks the node with member id {@code nodeId} to kill its run of {@code id} if that run is still
     * at {@code attempt}. Best effort: a node that is gone has nothing to kill, and a node that
     * misses the message kills the run at its next reconcile, when the record no longer names it.
     */
    void kill(String nodeId, JobId id, int attempt);
}
