package io.jobgrid.core;

import java.util.Set;

/**
 * This node's view of the cluster, as recovery needs it: who is alive, when members come and go,
 * and whether the records a departed member held are readable again.
 */
public interface Membership {
    /** Whether this member is still part of a running grid; false once it is shutting down. */
    boolean active();

    /** Member ids of every member this node sees now, itself included. */
    Set<String> liveMemberIds();

    /** Tells {@code listener} of members joining and leaving, on the grid's event threads. */
    void listen(Listener listener);

    /** Whether no partition is migrating or waiting for its backups anywhere in the cluster. */
    boolean settled();

    /**
     * Whether partitions are still owned by the departed member {@code memberId}: until their
     * backups are promoted, the records it held can be neither read nor changed. May nudge the
     * grid to promote them sooner.
     */
    boolean awaitingPromotion(String memberId);

    /** What recovery hears of membership changes. */
    interface Listener {
        void joined();

        void left(String memberId, String memberName);
    }
}
