package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Values for tab completion: job ids (seen in this session first, then the newest in the grid),
 * node names and vector names. Asked of the node with a short timeout and kept for a few seconds,
 * so pressing Tab never hangs the console, even when the node is down.
 */
public class Suggestions {
    static final List<String> STATES = List.of("WAITING", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT",
            "CANCELLED", "SKIPPED");
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration KEEP = Duration.ofSeconds(5);

    private final JobgridClient grid;
    private final Session session;
    private List<String> jobIds = List.of();
    private List<String> nodeNames = List.of();
    private List<String> vectorNames = List.of();
    private Instant vectorsAt = Instant.EPOCH;
    private Instant jobsAt = Instant.EPOCH;
    private Instant nodesAt = Instant.EPOCH;

    public Suggestions(JobgridClient grid, Session session) {
        this.grid = grid;
        this.session = session;
    }

    public synchronized List<String> jobIds() {
        Instant now = session.clock().instant();
        if (now.isAfter(jobsAt.plus(KEEP))) {
            jobIds = fetch("/api/v1/jobs?limit=50", "id");
            jobsAt = now;
        }
        Set<String> ids = new LinkedHashSet<>(session.recentIds());
        ids.addAll(jobIds);
        return new ArrayList<>(ids);
    }

    public synchronized List<String> nodeNames() {
        Instant now = session.clock().instant();
        if (now.isAfter(nodesAt.plus(KEEP))) {
            nodeNames = fetch("/api/v1/nodes", "name");
            nodesAt = now;
        }
        return nodeNames;
    }

    /** Vector names: used in this session first, then the grid's. */
    public synchronized List<String> vectorNames() {
        Instant now = session.clock().instant();
        if (now.isAfter(vectorsAt.plus(KEEP))) {
            vectorNames = fetch("/api/v1/vectors", "name");
            vectorsAt = now;
        }
        Set<String> names = new LinkedHashSet<>(session.recentVectors());
        names.addAll(vectorNames);
        return new ArrayList<>(names);
    }

    private List<String> fetch(String path, String field) {
        try {
            JsonNode array = grid.getJson(path, TIMEOUT);
            List<String> values = new ArrayList<>();
            array.forEach(e -> {
                if (e.hasNonNull(field)) {
                    values.add(e.get(field).asText());
                }
            });
            return values;
        } catch (JobgridClientException unreachable) {
            return List.of(); // completion offers nothing rather than an error mid-typing
        }
    }
}
