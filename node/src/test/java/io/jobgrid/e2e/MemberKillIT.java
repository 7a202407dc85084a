package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real member processes started by {@code bin/jobgrid up}; one is killed with SIGKILL while it runs
 * jobs. Every job must still end SUCCEEDED, exactly one attempt of it succeeding, and the jobs of
 * the dead member must have been re-run as attempt 2.
 */
class MemberKillIT {
    private static final E2eRest REST = new E2eRest(null);
    private static BinJobgrid cluster;

    @BeforeAll
    static void up() throws IOException {
        cluster = BinJobgrid.forThisBuild(3);
        cluster.down();
        BinJobgrid.Result up = cluster.up();
        assertThat(up.exitCode()).as("bin/jobgrid up failed:%n%s", up.output()).isZero();
    }

    @AfterAll
    static void down() throws IOException {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void everyJobSucceedsExactlyOnceWhenAMemberIsKilledWithSigkill() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(REST.submit(cluster.url(1 + i % 2), "{\"shell\":\"sleep 3\"}"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> REST.runningOn(cluster.url(1), "node-3").size() >= 1);
        List<String> onVictim = REST.runningOn(cluster.url(1), "node-3");
        long victim = cluster.nodePids().get(2);

        ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL: no goodbye, no hand-back

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String id : ids) {
                if (!terminal(REST.job(cluster.url(1), id))) {
                    return false;
                }
            }
            return true;
        });
        for (String id : ids) {
            JsonNode job = REST.job(cluster.url(2), id);
            assertThat(job.get("state").asText()).as(id).isEqualTo("SUCCEEDED");
            long succeeded = 0;
            for (JsonNode a : job.get("attempts")) {
                succeeded += a.get("outcome").asText().equals("SUCCEEDED") ? 1 : 0;
            }
            assertThat(succeeded).as("attempts of %s that succeeded", id).isEqualTo(1);
            if (onVictim.contains(id)) {
                assertThat(job.get("attempt").asInt()).isEqualTo(2);
                assertThat(job.get("attempts").get(0).get("outcome").asText()).isEqualTo("NODE_LOST");
                assertThat(job.get("node").asText()).isNotEqualTo("node-3");
            }
        }
    }

    private static boolean terminal(JsonNode job) {
        return Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED").contains(job.get("state").asText());
    }
}
