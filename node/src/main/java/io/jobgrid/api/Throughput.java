package io.jobgrid.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Jobs a node finished (in any terminal state) per interval, oldest first. Intervals are aligned
 * to the epoch, so every node's line up: the last one is the interval in progress, which ends at
 * {@code end}, and interval {@code i} ends {@code (finished.size() - 1 - i) * intervalSeconds}
 * seconds before it.
 */
public record Throughput(Instant end, int intervalSeconds, List<Long> finished) implements Serializable {
    public Throughput {
        finished = finished == null ? List.of() : List.copyOf(finished);
    }

    /** No interval counted (a node that has not published yet). */
    public static Throughput none() {
        return new Throughput(null, 0, List.of());
    }
}
