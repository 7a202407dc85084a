package io.jobgrid.core;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Who this node is: its name, its member id (one process lifetime, or until a split-brain
 * merge; a restarted node is a new member), its tags, its slots and its REST URL (handed to jobs as {@code JOBGRID_URL}).
 */
public record LocalNode(String name, Supplier<String> memberId, Map<String, String> tags, int slots,
                        Supplier<String> url) {
    /** The member id now: a member that merges back after a split brain comes back under a new one. */
    public String id() {
        return memberId.get();
    }
}
