package io.jobgrid.core;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.Backoff;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Taking work from the queue: claims fenced by attempt, retries held back by their backoff. Real `true`/`false` processes. */
class DispatchTest {
    private final MemoryNode node = MemoryNode.withSlots(1).start();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void runsAQueuedJobAndKeepsItsOutput() {
        JobId id = node.jobs().submit(JobSpec.shell("echo hello"));

        JobRecord job = node.awaitState(id, JobState.SUCCEEDED);

        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.node()).isEqualTo("node-a");
        assertThat(node.jobs().logs(id, 1, 0).text()).isEqualTo("hello\n");
        assertThat(node.events.of("started", id)).hasSize(1);
    }

    @Test
    void discardsAStaleQueueItem() {
        JobId done = node.jobs().submit(JobSpec.shell("true"));
        JobRecord finished = node.awaitState(done, JobState.SUCCEEDED);

        node.grid.queue().offer(JobRecord.submitted(done, JobSpec.shell("true"), MemoryNode.T0)); // attempt 0 again
        JobId next = node.jobs().submit(JobSpec.shell("true"));

        // One slot: the stale item was taken, and its claim refused, before the next job could start.
        node.awaitState(next, JobState.SUCCEEDED);
        assertThat(node.record(done)).isEqualTo(finished);
        assertThat(node.events.of("started", done)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.grid.queue().size() == 0);
    }

    /**
     * The queue holds the retry until its time (see MemoryWorkQueueTest), and the claim refuses
     * it before then anyway (NotYetException): either way no attempt starts early.
     */
    @Test
    void startsARetryOnlyOnceItsBackoffHasPassed() {
        Backoff tenSeconds = new Backoff(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10));
        JobId id = node.jobs().submit(JobSpec.builder().shell("false").maxAttempts(2).backoff(tenSeconds).build());
        Instant retryAt = MemoryNode.T0.plusSeconds(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.grid.queue().items().contains(new QueueItem(id, 1)));

        JobRecord waiting = node.record(id);
        assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
        assertThat(waiting.notBefore()).isEqualTo(retryAt);
        assertThat(node.grid.queue().due()).doesNotContain(new QueueItem(id, 1));

        node.clock.advance(Duration.ofSeconds(10));

        JobRecord failed = node.awaitState(id, JobState.FAILED);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.attempts()).extracting(Attempt::outcome).containsExactly("FAILED", "FAILED");
        assertThat(failed.attempts().get(1).startedAt()).isEqualTo(retryAt);
    }

    @Test
    void takesOnlyWorkItsTagsAllow() {
        JobId elsewhere = node.jobs().submit(JobSpec.builder().shell("true").constraints(Map.of("gpu", "yes")).build());
        JobId anywhere = node.jobs().submit(JobSpec.shell("true"));

        node.awaitState(anywhere, JobState.SUCCEEDED);

        assertThat(node.record(elsewhere).state()).isEqualTo(JobState.QUEUED);
        assertThat(node.grid.queue().items()).contains(new QueueItem(elsewhere, 0));
    }
}
