package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;

/**
 * A member as {@code GET /api/v1/nodes} returns it: slots, load, memory, health.
 *
 * @param httpUrl  the URL its REST API answers on, or null when it serves none
 * @param draining true once it takes no new jobs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeView(
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
        boolean draining) {

    public NodeView {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public int freeSlots() {
        return Math.max(0, slots - running);
    }
}
