package io.jobgrid.shell.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jobgrid.shell.ShellException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The node's REST API, and nothing else: the console has no other door into the grid. Every
 * failure comes out as a {@link ShellException} whose message says what to do about it.
 */
public final class GridClient {
    /** How long a plain request may take; following logs has no limit. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final GridTarget target;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Failures failures;

    public GridClient(GridTarget target) {
        this(target, TrustStore.NONE);
    }

    /** A client that trusts the certificates in {@code trust} (besides the JDK's) for https:// nodes. */
    public GridClient(GridTarget target, TrustStore trust) {
        this.target = target;
        this.http = httpClient(target, trust);
        this.json = mapper();
        this.failures = new Failures(target, json, trust);
    }

    /**
     * HTTP/1.1, since a plain http:// node gains nothing from an h2c upgrade attempt. For an http://
     * node the TLS context is left uninitialised: initialising it (loading the trust store) costs
     * a third of a second of the console's start for nothing.
     */
    private static HttpClient httpClient(GridTarget target, TrustStore trust) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (target.url().startsWith("https://") && trust.configured()) {
            builder.sslContext(trust.sslContext());
        } else if (target.url().startsWith("http://")) {
            try {
                builder.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }
        return builder.build();
    }

    /** The mapper the console reads and prints JSON with (ISO-8601 times, unknown fields ignored). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public GridTarget target() {
        return target;
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode nodes() {
        return getJson("/api/v1/nodes");
    }

    public JsonNode jobs(String state, String node, int limit) {
        return getJson("/api/v1/jobs" + query("state", state, "node", node, "limit", limit > 0 ? "" + limit : null));
    }

    public JsonNode job(String id) {
        return getJson("/api/v1/jobs/" + JobIds.check(id));
    }

    public JsonNode submit(JobRequest request) {
        return postJson("/api/v1/jobs", request);
    }

    public JsonNode cancel(String id) {
        return cancel(id, false);
    }

    /** Cancels the job; with {@code cascade}, the node also cancels every unfinished descendant. */
    public JsonNode cancel(String id, boolean cascade) {
        return postJson("/api/v1/jobs/" + JobIds.check(id) + "/cancel" + (cascade ? "?cascade=true" : ""), null);
    }

    /** The graph around a job, walked now: {@code {"root":..,"complete":..,"jobs":[..]}}. */
    public JsonNode dag(String id) {
        return getJson("/api/v1/jobs/" + JobIds.check(id) + "/dag");
    }

    /** {@code POST /api/v1/dags}; answers {@code {"ids":{"<key>":"<id>",...}}}. */
    public JsonNode submitDag(Object body) {
        return postJson("/api/v1/dags", body);
    }

    public String logs(String id) {
        return send(request("/api/v1/jobs/" + JobIds.check(id) + "/logs").GET().build(), "text/plain");
    }

    /**
     * Streams a job's output to {@code sink} as it is produced, until the job ends. {@code onOpen}
     * receives the open stream, so a Ctrl-C handler can close it to stop following.
     */
    public void followLogs(String id, Consumer<String> sink, Consumer<Closeable> onOpen) {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/jobs/" + JobIds.check(id) + "/logs?follow=true"))
                .headers(headers("text/plain")).GET().build();
        HttpResponse<InputStream> response = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body(); Reader in = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            if (response.statusCode() != 200) {
                throw failures.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            onOpen.accept(body);
            char[] buf = new char[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                sink.accept(new String(buf, 0, n));
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ShellException(ShellException.INTERRUPTED, "Stopped following the output of job " + id
                        + " (Ctrl-C); the job goes on.");
            }
            throw failures.transport(e);
        }
    }

    /** One Server-Sent Event: its name and its data (one line of JSON). */
    public record Event(String name, String data) {
    }

    /**
     * Reads the cluster's event stream ({@code GET /api/v1/events}) and hands each event to
     * {@code sink} until it returns false, the stream ends, or a Ctrl-C closes the stream given to
     * {@code onOpen}. Keep-alive comments are skipped.
     */
    public void events(Predicate<Event> sink, Consumer<Closeable> onOpen) {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/events")).headers(headers("text/event-stream")).GET()
                .build();
        HttpResponse<InputStream> response = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
             BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw failures.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            onOpen.accept(body);
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() && !sink.test(new Event(name, data.toString()))) {
                        return;
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ShellException(ShellException.INTERRUPTED, "Stopped watching events (Ctrl-C).");
            }
            throw failures.transport(e);
        }
    }

    /** The typed view of a JSON value the node returned. */
    public <T> T view(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ShellException(ShellException.FAILED, "The node at " + target.url() + " sent a "
                    + type.getSimpleName() + " the console cannot read: " + e.getOriginalMessage());
        }
    }

    /** Every element of a JSON array as a typed view; an empty list for anything else. */
    public <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> out.add(view(e, type)));
        }
        return out;
    }

    public JsonNode getJson(String path) {
        return parse(send(request(path).GET().build(), "application/json"));
    }

    /** A GET that gives up after {@code timeout}: for tab completion, which must not hang. */
    public JsonNode getJson(String path, Duration timeout) {
        return parse(send(request(path).timeout(timeout).GET().build(), "application/json"));
    }

    public JsonNode postJson(String path, Object body) {
        return postJson(path, body, REQUEST_TIMEOUT);
    }

    /** A POST that may take up to {@code timeout} (vector operations on big vectors take a while). */
    public JsonNode postJson(String path, Object body, Duration timeout) {
        try {
            String text = body == null ? "" : json.writeValueAsString(body);
            HttpRequest req = request(path).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build();
            return parse(send(req, "application/json"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }

    public void delete(String path) {
        send(request(path).DELETE().build(), "application/json");
    }

    private String send(HttpRequest req, String accept) {
        HttpResponse<String> response = exchange(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failures.of(response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (IOException e) {
            throw failures.transport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(ShellException.INTERRUPTED, "Stopped (Ctrl-C).");
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ShellException(ShellException.FAILED, "The node at " + target.url()
                    + " answered with something that is not JSON: " + Failures.abbreviate(body));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).headers(headers("application/json"));
    }

    private String[] headers(String accept) {
        return target.token() == null
                ? new String[]{"Accept", accept}
                : new String[]{"Accept", accept, "Authorization", "Bearer " + target.token()};
    }

    private URI uri(String path) {
        return URI.create(target.url() + path);
    }

    /** {@code ?k=v&...} of the pairs whose value is not blank; empty when none is. */
    static String query(String... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                q.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
