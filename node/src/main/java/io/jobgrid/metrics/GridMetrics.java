package io.jobgrid.metrics;

import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobState;
import io.jobgrid.core.JobEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The meters of one node. Counters count what this node did (submissions it accepted, attempts
 * it ran); Prometheus sums them across nodes.
 */
public final class GridMetrics implements JobEvents {
    /** Histogram buckets: a dozen, not Micrometer's default few hundred, so a scrape stays cheap. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Counter submitted;
    private final Counter started;
    private final Counter retried;
    private final Counter requeuedLost;
    private final Map<JobState, Counter> finished = new EnumMap<>(JobState.class);
    private final Timer runTime;
    private final Timer queueWait;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GridMetrics(Clock clock) {
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        submitted = Counter.builder("jobgrid.jobs.submitted").description("Jobs accepted by this node")
                .register(registry);
        started = Counter.builder("jobgrid.jobs.started").description("Attempts started on this node")
                .register(registry);
        retried = Counter.builder("jobgrid.jobs.retried").description("Attempts that failed and were queued again")
                .register(registry);
        requeuedLost = Counter.builder("jobgrid.jobs.requeued.lost")
                .description("Jobs queued again because their node left").register(registry);
        for (JobState s : JobState.values()) {
            if (s.isTerminal()) {
                finished.put(s, Counter.builder("jobgrid.jobs.finished").tag("state", s.name())
                        .description("Jobs that ended on this node, by final state").register(registry));
            }
        }
        runTime = Timer.builder("jobgrid.job.run.time").description("Wall time of attempts run on this node")
                .serviceLevelObjectives(BUCKETS).register(registry);
        queueWait = Timer.builder("jobgrid.job.queue.wait").description("Time from queued to started")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** Gauges of this node's slots. */
    public void bindSlots(int slots, IntSupplier running) {
        Gauge.builder("jobgrid.slots", () -> slots).description("Slots of this node").register(registry);
        Gauge.builder("jobgrid.jobs.running", running::getAsInt).description("Attempts running on this node")
                .register(registry);
        Gauge.builder("jobgrid.slots.free", () -> Math.max(0, slots - running.getAsInt()))
                .description("Free slots of this node").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void submitted(JobRecord job) {
        submitted.increment();
    }

    @Override
    public void started(JobRecord job) {
        started.increment();
        if (job.queuedAt() != null && job.startedAt() != null) {
            queueWait.record(Duration.between(job.queuedAt(), job.startedAt()));
        }
    }

    @Override
    public void finished(JobRecord job, Instant attemptStartedAt) {
        runTime.record(Duration.between(attemptStartedAt, clock.instant()));
        if (job.state() == JobState.QUEUED) {
            retried.increment();
        } else {
            Counter c = finished.get(job.state());
            if (c != null) {
                c.increment();
            }
        }
    }

    /** A cancel through the API ends the job here: the attempt's own report is then discarded as stale. */
    @Override
    public void skipped(JobRecord job) {
        Counter c = finished.get(JobState.SKIPPED);
        if (c != null) {
            c.increment();
        }
    }

    @Override
    public void cancelled(JobRecord job) {
        finished.get(JobState.CANCELLED).increment();
    }

    @Override
    public void requeuedAfterNodeLoss(JobRecord job) {
        requeuedLost.increment();
    }

    public void close() {
        gc.close();
        registry.close();
    }
}
