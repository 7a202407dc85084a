package io.jobgrid.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The event stream of this node: readers now, events handed to them, and events dropped because
 * a reader's buffer was full ({@code jobgrid_events_dropped_total}; it stays 0 for readers that
 * keep up).
 */
public final class EventStreamMeters {
    private EventStreamMeters() {
    }

    /**
     * @param source the stream's hub; Micrometer holds it weakly, so it must live as long as the node
     */
    public static <T> void bind(MeterRegistry registry, T source, ToIntFunction<T> subscribers,
                                ToLongFunction<T> delivered, ToLongFunction<T> dropped) {
        Gauge.builder("jobgrid.events.subscribers", source, s -> subscribers.applyAsInt(s))
                .description("Readers of this node's event stream").register(registry);
        FunctionCounter.builder("jobgrid.events.delivered", source, s -> delivered.applyAsLong(s))
                .description("Events put into readers' buffers by this node").register(registry);
        FunctionCounter.builder("jobgrid.events.dropped", source, s -> dropped.applyAsLong(s))
                .description("Events dropped because a reader's buffer was full").register(registry);
    }
}
