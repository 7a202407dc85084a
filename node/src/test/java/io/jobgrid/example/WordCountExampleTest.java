package io.jobgrid.example;

import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.TaskSpec;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Run Java code on the grid" example compiles (it is these classes) and works. */
class WordCountExampleTest {
    @Test
    void theReadmeExampleCountsWordsAsATaskObjectAndAsANamedType() {
        try (TestGrid grid = new TestGrid()) {
            List<GridNode> nodes = grid.start(2, s -> s.taskSlots(2).taskTypes(List.of(new WordCountType())));

            assertThat(WordCountApp.count(nodes.get(0))).isEqualTo(9);
            var id = nodes.get(1).jobs().submit(JobSpec.builder()
                    .task(TaskSpec.named("word-count", Map.of("text", "one two three"))).build());
            assertThat(TestGrid.awaitState(nodes.get(0), id, JobState.SUCCEEDED, Duration.ofSeconds(30)).state())
                    .isEqualTo(JobState.SUCCEEDED);
            assertThat(nodes.get(0).jobs().<Integer>task(id).await(Duration.ofSeconds(30))).isEqualTo(3);
        }
    }
}
