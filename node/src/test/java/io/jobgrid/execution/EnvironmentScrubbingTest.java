package io.jobgrid.execution;

import io.jobgrid.api.JobId;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A job sees only PATH, its spec's env and the JOBGRID_* variables, unless its node inherits its own environment. */
class EnvironmentScrubbingTest {
    private static TestGrid grid;
    private static GridNode scrubbing;
    private static GridNode inheriting;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        scrubbing = grid.start(s -> s.tags(Map.of("env", "scrub")));
        inheriting = grid.start(s -> s.tags(Map.of("env", "inherit")).inheritEnv(true));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void passesOnlyPathTheSpecsEnvAndTheGridVariables() {
        Set<String> names = envOfJobOn("scrub");

        assertThat(names).containsExactlyInAnyOrder("PATH", "GREETING", "JOBGRID_JOB_ID", "JOBGRID_ATTEMPT",
                "JOBGRID_NODE", "JOBGRID_URL");
    }

    @Test
    void passesTheNodesWholeEnvironmentWhenConfiguredToInherit() {
        Set<String> nodeEnv = System.getenv().keySet();

        Set<String> names = envOfJobOn("inherit");

        assertThat(names).containsAll(nodeEnv).contains("GREETING", "JOBGRID_JOB_ID");
    }

    /** Runs env(1) directly (no shell, which would add variables of its own) and returns the names it printed. */
    private static Set<String> envOfJobOn(String tag) {
        JobId id = scrubbing.jobs().submit(JobSpec.builder().command(List.of("/usr/bin/env"))
                .env(Map.of("GREETING", "hello")).constraints(Map.of("env", tag)).build());
        assertThat(scrubbing.jobs().await(id, Duration.ofSeconds(20)).state()).isEqualTo(JobState.SUCCEEDED);
        return Arrays.stream(scrubbing.jobs().logs(id).text().split("\n"))
                .filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
    }
}
