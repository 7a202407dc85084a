package io.jobgrid.core;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;
import io.jobgrid.core.memory.MemoryPorts;
import io.jobgrid.execution.ProcessRunner;
import io.jobgrid.support.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One scheduler on in-memory ports with a clock the test moves: a node of a grid that lives in
 * this JVM only. Jobs run as real processes when the node is started; until then it only stores
 * and queues. Member {@code member-X} is node {@code node-X}.
 */
final class MemoryNode implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String SELF = "member-a";
    static final String OTHER = "member-b";

    final MutableClock clock;
    final MemoryPorts grid;
    final RecordingEvents events = new RecordingEvents();
    final Scheduler scheduler;

    private MemoryNode(MutableClock clock, MemoryPorts grid, int slots, Map<String, String> tags,
                       java.util.function.UnaryOperator<Ports> change) {
        this.clock = clock;
        this.grid = grid;
        LocalNode self = new LocalNode("node-a", () -> SELF, tags, slots, () -> null);
        ProcessRunner.Settings settings = new ProcessRunner.Settings(false, Duration.ofSeconds(1), 64 * 1024);
        this.scheduler = new Scheduler(change.apply(grid.ports(events)), self, settings, clock);
        grid.control().serve(SELF, scheduler);
    }

    /** Node {@code node-a} with {@code slots} slots and no tags, in a cluster with {@code node-b}. */
    static MemoryNode withSlots(int slots) {
        return withTags(slots, Map.of());
    }

    static MemoryNode withTags(int slots, Map<String, String> tags) {
        return withPorts(slots, tags, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #withTags}, with the scheduler's ports changed by {@code change} (a fault put in one). */
    static MemoryNode withPorts(int slots, Map<String, String> tags, java.util.function.UnaryOperator<Ports> change) {
        MutableClock clock = new MutableClock(T0);
        MemoryPorts grid = MemoryPorts.of(clock, SELF, "node-a");
        grid.membership().add(OTHER, "node-b");
        return new MemoryNode(clock, grid, slots, tags, change);
    }

    /** Starts taking work and watching members. */
    MemoryNode start() {
        scheduler.start();
        return this;
    }

    Jobs jobs() {
        return scheduler.jobs();
    }

    JobRecord record(JobId id) {
        return grid.store().get(id).orElseThrow();
    }

    JobRecord awaitState(JobId id, JobState state) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> grid.store().get(id).map(JobRecord::state).orElse(null) == state);
        return record(id);
    }

    /** A job that {@code node-b} has claimed and is running at attempt 1, as the store holds it. */
    JobRecord runningOnOther(JobSpec spec) {
        JobRecord job = JobRecord.submitted(grid.ids().next(), spec, clock.instant());
        grid.store().create(job);
        return grid.store().update(job.id(), new JobUpdates.Claim(job.id(), 0, "node-b", OTHER, clock.instant()))
                .after();
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
