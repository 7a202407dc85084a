package io.jobgrid.core;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs that wait for others: released when every parent succeeded, skipped when one did not. Real processes. */
class DagReleaseTest {
    private final MemoryNode node = MemoryNode.withSlots(2).start();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void releasesAJobOnceEveryParentHasSucceeded() {
        Map<String, JobId> ids = node.jobs().submitDag(List.of(
                new DagJob("fetch", JobSpec.shell("true"), List.of()),
                new DagJob("compile", JobSpec.shell("true"), List.of()),
                new DagJob("link", JobSpec.shell("true"), List.of("fetch", "compile"))));
        JobId link = ids.get("link");

        JobRecord done = node.awaitState(link, JobState.SUCCEEDED);

        assertThat(done.satisfied()).containsExactlyInAnyOrder(ids.get("fetch"), ids.get("compile"));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.events.of("released", link).size() == 1);
        assertThat(node.record(ids.get("fetch")).finishedAt()).isNotNull();
    }

    @Test
    void skipsEveryJobBelowAParentThatFails() {
        Map<String, JobId> ids = node.jobs().submitDag(List.of(
                new DagJob("build", JobSpec.shell("false"), List.of()),
                new DagJob("test", JobSpec.shell("true"), List.of("build")),
                new DagJob("ship", JobSpec.shell("true"), List.of("test"))));

        node.awaitState(ids.get("build"), JobState.FAILED);
        JobRecord test = node.awaitState(ids.get("test"), JobState.SKIPPED);
        JobRecord ship = node.awaitState(ids.get("ship"), JobState.SKIPPED);

        assertThat(test.error()).isEqualTo("parent " + ids.get("build") + " ended FAILED");
        assertThat(ship.error()).isEqualTo("parent " + ids.get("test") + " ended SKIPPED");
        assertThat(node.events.of("started", test.id())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.events.of("skipped", ship.id()).size() == 1);
    }

    @Test
    void runsAChildReleasedByTheNodeThatEndedItsParent() {
        JobRecord parent = node.runningOnOther(JobSpec.shell("true"));
        JobId child = node.jobs().submit(JobSpec.builder().shell("true").dependsOn(List.of(parent.id())).build());
        JobRecord parentDone = node.grid.store().update(parent.id(), new JobUpdates.Finish(parent.id(), 1,
                MemoryNode.OTHER, JobState.SUCCEEDED, 0, null, node.clock.instant())).after();

        // what node-b's dispatcher does after recording the result: tell the children
        new Dependents(node.grid.store(), node.grid.queue(), node.clock, node.events).ended(parentDone);

        JobRecord done = node.awaitState(child, JobState.SUCCEEDED);
        assertThat(done.node()).isEqualTo("node-a");
        assertThat(done.satisfied()).containsExactly(parent.id());
    }
}
