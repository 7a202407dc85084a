package io.jobgrid.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.grid.GridNames;
import io.jobgrid.node.GridNode;
import io.jobgrid.support.EventStreamReader;
import io.jobgrid.support.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/events} over real HTTP: the whole cluster's events from any node, and slow readers. */
class EventStreamTest {
    private static TestGrid grid;
    private static GridNode a;
    private static GridNode b;

    @BeforeAll
    static void start() {
        grid = new TestGrid();
        List<GridNode> nodes = grid.start(2, s -> s.httpPort(0).slots(2).tags(Map.of("role", "r" + s.name)));
        a = nodes.get(0);
        b = nodes.get(1);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void streamsStateChangesOfJobsThatAnotherNodeAcceptedAndRan() throws Exception {
        try (EventStreamReader reader = EventStreamReader.open(a.url())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.events("hello", d -> true).isEmpty());

            JobId id = b.jobs().submit(JobSpec.builder().shell("exit 0").constraints(Map.of("role", "r" + b.name()))
                    .build());

            await().atMost(Duration.ofSeconds(20)).until(() -> kinds(reader, id).contains("finished"));
            assertThat(reader.status()).isEqualTo(200);
            assertThat(kinds(reader, id)).containsSubsequence("submitted", "started", "finished");
            JsonNode finished = reader.events("job", d -> d.get("id").asText().equals(id.value())
                    && d.get("event").asText().equals("finished")).get(0).data();
            assertThat(finished.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(finished.get("node").asText()).isEqualTo(b.name());
            assertThat(finished.get("reportedBy").asText()).isEqualTo(b.name());
            assertThat(finished.get("exitCode").asInt()).isZero();
            assertThat(reader.events("dropped", d -> true)).isEmpty();
        }
    }

    @Test
    void streamsCancellationsAndMembershipChangesOfTheWholeCluster() throws Exception {
        try (EventStreamReader reader = EventStreamReader.open(b.url())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.events("hello", d -> true).isEmpty());
            assertThat(reader.events("hello", d -> true).get(0).data().get("members"))
                    .extracting(JsonNode::asText).contains(a.name(), b.name());

            GridNode c = grid.start(s -> s.httpPort(-1));
            await().atMost(Duration.ofSeconds(20)).until(() -> !reader.events("member", d ->
                    d.get("event").asText().equals("added") && d.get("name").asText().equals(c.name())).isEmpty());
            c.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> !reader.events("member", d ->
                    d.get("event").asText().equals("removed") && d.get("name").asText().equals(c.name())).isEmpty());

            JobId id = a.jobs().submit(JobSpec.shell("sleep 30"));
            await().atMost(Duration.ofSeconds(20)).until(() -> kinds(reader, id).contains("started"));
            a.jobs().cancel(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> kinds(reader, id).contains("cancelled"));
            assertThat(reader.events("job", d -> d.get("id").asText().equals(id.value())
                    && d.get("event").asText().equals("cancelled")).get(0).data().get("state").asText())
                    .isEqualTo(JobState.CANCELLED.name());
        }
    }

    @Test
    void aReaderThatStopsReadingLosesEventsCountedAndSignalledWhileTheGridGoesOn() throws Exception {
        URI url = URI.create(a.url());
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events?buffer=8 HTTP/1.1\r\nHost: " + url.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub(a).subscribers() > 0);

            flood(b, 20_000, 1000); // ~20 MB: more than the socket buffers between us hold

            await().atMost(Duration.ofSeconds(30)).until(() -> hub(a).droppedTotal() > 0);
            assertThat(a.jobs().await(b.jobs().submit(JobSpec.shell("exit 0")), Duration.ofSeconds(20)).state())
                    .isEqualTo(JobState.SUCCEEDED);
            assertThat(scrape(a)).containsPattern("jobgrid_events_dropped_total(\\{[^}]*})? [1-9]");
            String seen = readUntil(socket.getInputStream(), "event: dropped\ndata: {\"type\":\"dropped\",\"dropped\":");
            assertThat(seen).contains("event: hello");
        }
    }

    private static EventHub hub(GridNode node) {
        return node.eventHub();
    }

    private static void flood(GridNode from, int events, int bytes) {
        String pad = "x".repeat(bytes);
        for (int i = 0; i < events; i++) {
            from.hazelcast().<String>getTopic(GridNames.EVENTS).publish("{\"type\":\"job\",\"n\":" + i + ",\"pad\":\""
                    + pad + "\"}");
        }
    }

    /** Reads the raw stream until {@code marker} has been seen; returns the start of what was read. */
    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        StringBuilder window = new StringBuilder();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (head.size() < 4096) {
                head.write(buf, 0, Math.min(n, 4096));
            }
            window.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            if (window.indexOf(marker) >= 0) {
                return head.toString(StandardCharsets.UTF_8);
            }
            if (window.length() > 2 * marker.length() + 2 * buf.length) {
                window.delete(0, window.length() - marker.length() - buf.length);
            }
        }
        throw new AssertionError("the stream ended before " + marker);
    }

    private static String scrape(GridNode node) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(node.url() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<String> kinds(EventStreamReader reader, JobId id) {
        return reader.events("job", d -> d.get("id").asText().equals(id.value())).stream()
                .map(e -> e.data().get("event").asText()).toList();
    }
}
