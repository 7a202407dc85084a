package io.jobgrid.core;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Who this node is: its name, its member id (one process lifetime, or until a split-brain
 * merge; a restarted node is a new member), its tags, its slots, its REST URL (handed to jobs as {@code JOBGRID_URL})
 * and its REST token, or null when REST needs none (handed to jobs as {@code JOBGRID_TOKEN}, so a job can submit
 * child jobs to a node that requires a token; a job runs as the node's user and could read it anyway).
 */
public record LocalNode(String name, Supplier<String> memberId, Map<String, String> tags, int slots,
                        Supplier<String> url, String token) {
    /** A node whose REST needs no token. */
    public LocalNode(String name, Supplier<String> memberId, Map<String, String> tags, int slots, Supplier<String> url) {
        this(name, memberId, tags, slots, url, null);
    }

    /** The member id now: a member that merges back after a split brain comes back under a new one. */
    public String id() {
        return memberId.get();
    }

    /** Without the token, so it never reaches a log. */
    @Override
    public String toString() {
        return "LocalNode[name=" + name + ", tags=" + tags + ", slots=" + slots + ", token="
                + (token == null ? "none" : "(set)") + "]";
    }
}
