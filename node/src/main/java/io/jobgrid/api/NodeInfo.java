package io.jobgrid.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a node publishes about itself, about once a second.
 *
 * @param taskSlots    Java tasks it runs at once (apart from {@code slots}, its shell slots)
 * @param runningTasks Java task attempts whose code is running there now
 * @param taskTypes    the named task types it has, sorted; a named task runs only on a node listing it
 * @param throughput   the jobs it finished in each of the last intervals
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
        boolean draining,
        int taskSlots,
        int runningTasks,
        List<String> taskTypes,
        Throughput throughput) implements Serializable {

    public NodeInfo {
        taskTypes = taskTypes == null ? List.of() : List.copyOf(taskTypes);
        throughput = throughput == null ? Throughput.none() : throughput;
    }

    public int freeSlots() {
        return Math.max(0, slots - running);
    }
}
