package io.jobgrid.node;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.support.MutableClock;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue deadline on real members sharing a clock the test moves: the owners of the records
 * expire them, also the records of a member that died before their deadline.
 */
class StartDeadlineGridTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private final TestGrid grid = new TestGrid();
    private final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void close() {
        grid.close();
    }

    private List<GridNode> start(int n) {
        List<GridNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(grid.start(b -> b.slots(2), clock));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                nodes.stream().allMatch(g -> g.hazelcast().getCluster().getMembers().size() == n));
        return nodes;
    }

    private static JobSpec unrunnable() {
        return JobSpec.builder().shell("echo never").constraints(Map.of("gpu", "none"))
                .startWithin(Duration.ofMinutes(10)).build();
    }

    private static UUID owner(GridNode node, JobId id) {
        return node.hazelcast().getPartitionService().getPartition(id.value()).getOwner().getUuid();
    }

    @Test
    void jobsNotStartedInTimeExpireEvenWhenTheMemberOwningThemDied() {
        List<GridNode> nodes = start(3);
        GridNode victim = nodes.get(2);
        GridNode survivor = nodes.get(0);
        TestGrid.awaitSafe(survivor);
        UUID victimId = victim.hazelcast().getCluster().getLocalMember().getUuid();
        List<JobId> ids = new ArrayList<>();
        // a dozen, and more until one of them lives on the victim (31 partitions over 3 members)
        while (ids.size() < 12 || ids.stream().noneMatch(id -> owner(survivor, id).equals(victimId))) {
            ids.add(nodes.get(ids.size() % 3).jobs().submit(unrunnable()));
        }
        JobId child = survivor.jobs().submit(JobSpec.builder().shell("echo child").dependsOn(List.of(ids.get(0)))
                .build());
        JobId runs = survivor.jobs().submit(JobSpec.builder().shell("echo ran").startWithin(Duration.ofMinutes(10))
                .build());
        assertThat(ids).anySatisfy(id -> assertThat(owner(survivor, id)).isEqualTo(victimId));
        assertThat(TestGrid.awaitState(survivor, runs, JobState.SUCCEEDED, Duration.ofSeconds(20)).error()).isNull();

        grid.terminate(victim);
        clock.advance(Duration.ofMinutes(10));

        for (JobId id : ids) {
            JobRecord r = TestGrid.awaitState(survivor, id, JobState.CANCELLED, Duration.ofSeconds(30));
            assertThat(r.error()).isEqualTo("not started within PT10M");
            assertThat(r.attempt()).isZero();
            assertThat(r.attempts()).isEmpty();
        }
        assertThat(TestGrid.awaitState(survivor, child, JobState.SKIPPED, Duration.ofSeconds(30)).error())
                .contains(ids.get(0).value());
        assertThat(survivor.jobs().require(runs).state()).isEqualTo(JobState.SUCCEEDED);
    }
}
