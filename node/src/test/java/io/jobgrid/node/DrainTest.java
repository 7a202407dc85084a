package io.jobgrid.node;

import io.jobgrid.api.Attempt;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Draining a node: no new work, running jobs finish or are handed back, then it leaves. */
class DrainTest {
    private TestGrid grid;

    @BeforeEach
    void start() {
        grid = new TestGrid();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void aDrainedNodeFinishesItsRunningJobsTakesNoMoreAndLeaves() {
        GridNode leaving = grid.start(s -> s.name("leaving").slots(1).drainGraceSeconds(30));
        JobId running = leaving.jobs().submit(JobSpec.shell("sleep 1"));
        awaitState(leaving, running, JobState.RUNNING, Duration.ofSeconds(10));
        GridNode staying = grid.start(s -> s.name("staying").slots(2));
        await().until(() -> staying.hazelcast().getCluster().getMembers().size() == 2);

        staying.nodes().drain("leaving");
        await().until(leaving::draining);
        JobId later = staying.jobs().submit(JobSpec.shell("true"));

        JobRecord first = awaitState(staying, running, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.node()).isEqualTo("leaving");
        assertThat(awaitState(staying, later, JobState.SUCCEEDED, Duration.ofSeconds(20)).node()).isEqualTo("staying");
        await().atMost(Duration.ofSeconds(20)).until(() -> staying.hazelcast().getCluster().getMembers().size() == 1);
    }

    @Test
    void jobsStillRunningAfterTheGraceAreHandedBackToAnotherNode() {
        GridNode leaving = grid.start(s -> s.name("leaving").slots(1).drainGraceSeconds(0.5));
        JobId slow = leaving.jobs().submit(JobSpec.shell("sleep 3"));
        awaitState(leaving, slow, JobState.RUNNING, Duration.ofSeconds(10));
        GridNode staying = grid.start(s -> s.name("staying").slots(1));
        await().until(() -> staying.hazelcast().getCluster().getMembers().size() == 2);

        leaving.drain();

        JobRecord done = awaitState(staying, slow, JobState.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.node()).isEqualTo("staying");
        assertThat(done.attempts().get(0).outcome()).isEqualTo(Attempt.NODE_LOST);
    }

    @Test
    void drainingAnUnknownNodeIsRefused() {
        GridNode node = grid.start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.nodes().drain("nobody"))
                .isInstanceOf(io.jobgrid.api.NotFoundException.class).hasMessageContaining("nobody");
    }
}
