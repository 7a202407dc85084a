package io.jobgrid.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What a node publishes about itself, about once a second.
 */
public record NodeInfo(
        String name,
        String id,
        String address,
        String httpUrl,
        Map<String, String> tags,
        int slots,
        int running,
        double cpuLoad,
        long heapUsedBytes,
        long heapMaxBytes,
        Instant startedAt,
        Instant updatedAt,
        boolean healthy,
        boolean draining) implements Serializable {

    public int freeSlots() {
        return Math.max(0, slots - running);
    }
}
