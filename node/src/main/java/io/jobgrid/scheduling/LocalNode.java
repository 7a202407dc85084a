package io.jobgrid.scheduling;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Who this node is: its name, its member id (one process lifetime; a restarted node is a new
 * member), its tags, its slots and its REST URL (handed to jobs as {@code JOBGRID_URL}).
 */
public record LocalNode(String name, String id, Map<String, String> tags, int slots, Supplier<String> url) {
}
