package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
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
            ids.add(JSON.readTree(post(cluster.url(1 + i % 2), "/api/v1/jobs", "{\"shell\":\"sleep 3\"}")).get("id")
                    .asText());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> running(cluster.url(1), "node-3").size() >= 1);
        List<String> onVictim = running(cluster.url(1), "node-3");
        long victim = cluster.nodePids().get(2);

        ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL: no goodbye, no hand-back

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String id : ids) {
                if (!terminal(job(cluster.url(1), id))) {
                    return false;
                }
            }
            return true;
        });
        for (String id : ids) {
            JsonNode job = job(cluster.url(2), id);
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

    private static List<String> running(String url, String node) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode j : JSON.readTree(get(url, "/api/v1/jobs?state=RUNNING&node=" + node + "&limit=100"))) {
            out.add(j.get("id").asText());
        }
        return out;
    }

    private static JsonNode job(String url, String id) throws Exception {
        return JSON.readTree(get(url, "/api/v1/jobs/" + id));
    }

    private static boolean terminal(JsonNode job) {
        return Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED").contains(job.get("state").asText());
    }

    private static String get(String url, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String post(String url, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }
}
