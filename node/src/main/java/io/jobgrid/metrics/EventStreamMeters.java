package io.jobgrid.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The event stream of this node: readers now, events handed to them, and events dropped because
 * a reader's buffer was full ({@code jobgrid_events_dropped_total}; it stays 0 for readers that
 * keep up).
 */
public final class EventStreamMeters {
    private EventStreamMeters() {
    }

    public static void bind(MeterRegistry registry, IntSupplier subscribers, LongSupplier delivered,
                            LongSupplier dropped) {
        Gauge.builder("jobgrid.events.subscribers", subscribers::getAsInt)
                .description("Readers of this node's event stream").register(registry);
        FunctionCounter.builder("jobgrid.events.delivered", delivered, LongSupplier::getAsLong)
                .description("Events put into readers' buffers by this node").register(registry);
        FunctionCounter.builder("jobgrid.events.dropped", dropped, LongSupplier::getAsLong)
                .description("Events dropped because a reader's buffer was full").register(registry);
    }
}
