package io.jobgrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Reads every member's event stream ({@code GET /api/v1/events}) and keeps the membership
 * changes each one saw, with the time the observing node stamped on them. A stream that breaks
 * (its member was killed, paused or cut off) is opened again every half second; a read that stays
 * silent past the 15 s keep-alive is treated as broken.
 */
final class MemberWatch implements AutoCloseable {
    /** One membership change as {@code observer} saw it. */
    record Change(String observer, String kind, String subject, String subjectId, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean open = true;

    MemberWatch(ChaosMembers members) {
        for (int i = 1; i <= members.count(); i++) {
            String name = members.name(i);
            String url = members.url(i) + "/api/v1/events";
            Thread t = new Thread(() -> follow(name, url), "watch-" + name);
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The first time a member other than {@code subject} saw it removed, at or after {@code since}. */
    Instant firstRemoval(String subject, Instant since) {
        Instant first = null;
        for (Change c : changes) {
            if (c.kind().equals("removed") && c.subject().equals(subject) && !c.observer().equals(subject)
                    && !c.at().isBefore(since) && (first == null || c.at().isBefore(first))) {
                first = c.at();
            }
        }
        return first;
    }

    private void follow(String observer, String url) {
        while (open) {
            try {
                read(observer, url);
            } catch (IOException | RuntimeException broken) {
                // killed, paused or cut off: open it again
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(String observer, String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(20_000);
        c.setRequestProperty("Authorization", "Bearer " + ChaosMembers.TOKEN);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (open && (line = in.readLine()) != null) {
                if (line.startsWith("data:") && line.contains("\"type\":\"member\"")) {
                    JsonNode e = JSON.readTree(line.substring(5));
                    changes.add(new Change(observer, e.get("event").asText(), e.get("name").asText(),
                            e.get("id").asText(), Instant.parse(e.get("at").asText())));
                }
            }
        } finally {
            c.disconnect();
        }
    }

    @Override
    public void close() {
        open = false;
        readers.forEach(Thread::interrupt);
    }
}
