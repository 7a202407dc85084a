package io.jobgrid.node;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobArray;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;
import io.jobgrid.api.TaskHandle;
import io.jobgrid.api.TaskSpec;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.jobgrid.support.TestGrid.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Job arrays on a three-node in-JVM cluster: each job's index, listing by array, cancelling a whole array, refusals. */
class JobArrayTest {
    private static TestGrid grid;
    private static GridNode a;
    private static GridNode b;

    @BeforeAll
    static void startCluster() {
        grid = new TestGrid();
        List<GridNode> nodes = grid.start(3, s -> s.slots(2).taskSlots(1));
        a = nodes.get(0);
        b = nodes.get(1);
    }

    @AfterAll
    static void stopCluster() {
        grid.close();
    }

    @Test
    void eachJobOfAnArraySeesItsIndexAndTheArrayListsThemAll() {
        JobArray array = a.jobs().submitArray(JobSpec.builder().shell("echo $JOBGRID_ARRAY_INDEX of $JOBGRID_ARRAY_ID")
                .name("part").build(), 6);

        assertThat(array.ids()).hasSize(6).doesNotHaveDuplicates().doesNotContain(array.id());
        for (int i = 0; i < 6; i++) {
            JobId id = array.ids().get(i);
            JobRecord done = awaitState(b, id, JobState.SUCCEEDED, Duration.ofSeconds(30));
            assertThat(done.spec().array().array()).isEqualTo(array.id());
            assertThat(done.spec().array().index()).isEqualTo(i);
            assertThat(done.spec().name()).isEqualTo("part");
            assertThat(b.jobs().logs(id).text()).isEqualTo(i + " of " + array.id() + "\n");
        }
        List<JobRecord> listed = b.jobs().list(JobQuery.all().inArray(array.id()));
        assertThat(listed).extracting(JobRecord::id).containsExactlyInAnyOrderElementsOf(array.ids());
        assertThat(b.jobs().list(JobQuery.all().inArray(JobId.of(42)))).isEmpty();
    }

    @Test
    void aJavaTaskOfAnArrayReadsItsIndexFromItsContext() {
        JobArray array = a.jobs().submitArray(JobSpec.builder().task(TaskSpec.of(new Index())).build(), 4);

        for (int i = 0; i < 4; i++) {
            TaskHandle<Integer> handle = b.jobs().task(array.ids().get(i));
            assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo(i * 10);
        }
    }

    /** Answers ten times its index in its array. */
    static final class Index implements Task<Integer> {
        @Override
        public Integer run(TaskContext ctx) {
            return ctx.array().index() * 10;
        }
    }

    @Test
    void cancellingAnArrayCancelsEveryJobOfItThatHasNotEnded() {
        JobArray quick = a.jobs().submitArray(JobSpec.shell("true"), 1);
        awaitState(a, quick.ids().get(0), JobState.SUCCEEDED, Duration.ofSeconds(30));
        // 6 slots for 10 jobs: some run, the rest wait in the queue
        JobArray slow = a.jobs().submitArray(JobSpec.shell("sleep 60"), 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.jobs().list(new JobQuery(JobState.RUNNING, null, 100)
                .inArray(slow.id())).size() >= 2);

        int cancelled = b.jobs().cancelArray(slow.id());

        assertThat(cancelled).isEqualTo(10);
        for (JobId id : slow.ids()) {
            assertThat(b.jobs().require(id).state()).isEqualTo(JobState.CANCELLED);
        }
        assertThat(b.jobs().cancelArray(slow.id())).isZero();
        assertThat(a.jobs().cancelArray(quick.id())).isZero();
        assertThat(a.jobs().require(quick.ids().get(0)).state()).isEqualTo(JobState.SUCCEEDED);
        assertThatThrownBy(() -> a.jobs().cancelArray(JobId.of(7))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(JobId.of(7).value());
    }

    @Test
    void refusesABadArrayNamingTheFieldAndStoresNothing() {
        int before = a.jobs().list(new JobQuery(null, null, JobQuery.MAX_LIMIT)).size();
        JobSpec echo = JobSpec.shell("echo");

        assertRefused(() -> a.jobs().submitArray(echo, 0), "array.count");
        assertRefused(() -> a.jobs().submitArray(echo, -3), "array.count");
        assertRefused(() -> a.jobs().submitArray(echo, JobArray.MAX_COUNT + 1), "array.count");
        assertRefused(() -> a.jobs().submitArray(echo.toBuilder().idempotencyKey("k").build(), 2), "idempotencyKey");
        JobId parent = a.jobs().submit(JobSpec.shell("true"));
        assertRefused(() -> a.jobs().submitArray(echo.toBuilder().dependsOn(List.of(parent)).build(), 2), "dependsOn");

        assertThat(a.jobs().list(new JobQuery(null, null, JobQuery.MAX_LIMIT))).hasSize(before + 1);
    }

    private static void assertRefused(Runnable submit, String field) {
        assertThatThrownBy(submit::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
