package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClientException.Kind;

import java.io.Closeable;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A typed client of one node's REST API (SPEC.md section 3), over the JDK's HttpClient with the
 * shared {@link Json} mapper: the bearer token on every request, TLS against a {@link TrustStore}.
 * Any node of a grid answers for all of it. Every failure is a {@link JobgridClientException}
 * whose message says what to do about it. The {@code ...Json} variants return an answer as the
 * node sent it, for callers that print it (the console's {@code --output json}). Thread-safe.
 */
public final class JobgridClient {
    private final Http http;
    private final Streams streams;
    private final VectorClient vectors;

    public JobgridClient(GridTarget target) {
        this(target, TrustStore.NONE);
    }

    /** A client that trusts exactly the certificates in {@code trust} for an https:// node. */
    public JobgridClient(GridTarget target, TrustStore trust) {
        this(new Http(target, trust));
    }

    private JobgridClient(Http http) {
        this.http = http;
        this.streams = new Streams(http);
        this.vectors = new VectorClient(http);
    }

    /**
     * A client of another node of the same grid ({@code url}, same scheme), with this one's token
     * and trust, sharing its HttpClient: one connection pool and executor for a program that talks
     * to every node (the benchmarks).
     */
    public JobgridClient at(String url) {
        return new JobgridClient(http.sibling(url));
    }

    /** A client of the node at {@code url}, without a token. */
    public static JobgridClient of(String url) {
        return new JobgridClient(new GridTarget(url, null));
    }

    public GridTarget target() {
        return http.target();
    }

    public VectorClient vectors() {
        return vectors;
    }

    /** The recurring schedules ({@code /api/v1/schedules}). */
    public ScheduleClient schedules() {
        return new ScheduleClient(http);
    }

    /** The concurrency limits per key ({@code /api/v1/limits}). */
    public LimitClient limits() {
        return new LimitClient(http);
    }

    public Submitted submit(JobRequest request) {
        return Json.view(submitJson(request), Submitted.class);
    }

    public JsonNode submitJson(JobRequest request) {
        return http.postJson("/api/v1/jobs", request, Http.REQUEST_TIMEOUT);
    }

    /**
     * {@code POST /api/v1/jobs} with {@code "array": {"count": count}}: {@code count} jobs of the
     * request as one job array, stored in one batch; job i sees {@code JOBGRID_ARRAY_INDEX=i}.
     */
    public ArraySubmitted submitArray(JobRequest request, int count) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.mapper().valueToTree(request);
        body.putObject("array").put("count", count);
        return Json.view(http.postJson("/api/v1/jobs", body, Http.BULK_TIMEOUT), ArraySubmitted.class);
    }

    /** Cancels every job of job array {@code arrayId} that has not ended. */
    public ArrayCancelled cancelArray(String arrayId) {
        return Json.view(cancelJson(arrayId, false), ArrayCancelled.class);
    }

    /** {@code GET /api/v1/jobs/summary}: how many jobs are in each state, cluster-wide (every state, zeros too). */
    public java.util.Map<String, Long> summary() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        summaryJson().fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    public JsonNode summaryJson() {
        return http.getJson("/api/v1/jobs/summary", Http.REQUEST_TIMEOUT);
    }

    /**
     * Submits every request, at most {@code inFlight} at a time, and answers in the order of the
     * requests. The first failure (in the order of the requests) is thrown once every request has been
     * answered.
     */
    public List<Submitted> submitAll(List<JobRequest> requests, int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight is at least 1, but was " + inFlight);
        }
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (JobRequest request : requests) {
            permits.acquireUninterruptibly();
            answers.add(http.postJsonAsync("/api/v1/jobs", request).whenComplete((a, e) -> permits.release()));
        }
        // wait for every answer before looking at any, so no request is still in flight when one failure is thrown
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        List<Submitted> out = new ArrayList<>();
        for (CompletableFuture<JsonNode> answer : answers) {
            try {
                out.add(Json.view(answer.join(), Submitted.class));
            } catch (CompletionException e) {
                throw e.getCause() instanceof JobgridClientException c ? c
                        : new JobgridClientException(Kind.REFUSED, String.valueOf(e.getCause()), e.getCause());
            }
        }
        return out;
    }

    /**
     * {@code POST /api/v1/jobs/batch}: every request in one call, stored and queued together; if
     * one is refused, nothing is stored. Returns the ids in the order of the requests.
     */
    public List<String> submitBatch(List<JobRequest> requests) {
        JsonNode answer = http.postJson("/api/v1/jobs/batch", java.util.Map.of("jobs", requests), Http.BULK_TIMEOUT);
        List<String> ids = new ArrayList<>(requests.size());
        answer.get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public DagAnswer submitDag(DagRequest request) {
        return Json.view(submitDagJson(request), DagAnswer.class);
    }

    /** {@code POST /api/v1/dags} with any body of the DAG shape (a {@link DagRequest}, or a tree read from a file). */
    public JsonNode submitDagJson(Object body) {
        return http.postJson("/api/v1/dags", body, Http.REQUEST_TIMEOUT);
    }

    public JobView job(String id) {
        return Json.view(jobJson(id), JobView.class);
    }

    public JsonNode jobJson(String id) {
        return http.getJson("/api/v1/jobs/" + JobIds.check(id), Http.REQUEST_TIMEOUT);
    }

    public List<JobView> jobs(JobQuery query) {
        return Json.list(jobsJson(query), JobView.class);
    }

    public JsonNode jobsJson(JobQuery query) {
        return http.getJson(jobsPath(query), Http.REQUEST_TIMEOUT);
    }

    /** A page of jobs with the cursor of the next one, for walking a long history. */
    public JobPage jobsPage(JobQuery query) {
        HttpResponse<String> r = http.get(jobsPath(query), Http.REQUEST_TIMEOUT);
        return new JobPage(Json.list(Json.tree(r.body(), "The node at " + target().url()), JobView.class),
                r.headers().firstValue("X-Jobgrid-Next").orElse(null));
    }

    private static String jobsPath(JobQuery query) {
        return "/api/v1/jobs" + Http.query("state", query.state(), "node", query.node(), "name", query.name(),
                "createdAfter", query.createdAfter() == null ? null : query.createdAfter().toString(),
                "createdBefore", query.createdBefore() == null ? null : query.createdBefore().toString(),
                "limit", query.limit() == null ? null : query.limit().toString(), "before", query.before(),
                "schedule", query.schedule(), "array", query.array());
    }

    /** Cancels the job; with {@code cascade}, the node also cancels every unfinished descendant. The record after. */
    public JobView cancel(String id, boolean cascade) {
        return Json.view(cancelJson(id, cascade), JobView.class);
    }

    public JsonNode cancelJson(String id, boolean cascade) {
        // a job array's id, or a cascade, cancels many jobs in one call
        return http.postJson("/api/v1/jobs/" + JobIds.check(id) + "/cancel" + (cascade ? "?cascade=true" : ""), null,
                Http.BULK_TIMEOUT);
    }

    /** The graph around a job, walked now. */
    public DagView dag(String id) {
        return Json.view(dagJson(id), DagView.class);
    }

    public JsonNode dagJson(String id) {
        return http.getJson("/api/v1/jobs/" + JobIds.check(id) + "/dag", Http.REQUEST_TIMEOUT);
    }

    public List<NodeView> nodes() {
        return Json.list(nodesJson(), NodeView.class);
    }

    public JsonNode nodesJson() {
        return http.getJson("/api/v1/nodes", Http.REQUEST_TIMEOUT);
    }

    /** True when the node is in the cluster and ready ({@code GET /health} answers 200), false when it says 503. */
    public boolean healthy() {
        try {
            return "UP".equals(http.getJson("/health", Http.REQUEST_TIMEOUT).path("status").asText());
        } catch (JobgridClientException e) {
            if (e.status() == 503) {
                return false;
            }
            throw e;
        }
    }

    /** {@code GET /metrics}: the node's meters in the Prometheus text format. */
    public String metrics() {
        return http.get("/metrics", Http.REQUEST_TIMEOUT).body();
    }

    /** The output captured so far of the job's current attempt. */
    public LogRead logs(String id) {
        return logs(id, null);
    }

    /**
     * The output captured so far of the job's current attempt, of one stream: {@code "stdout"} or
     * {@code "stderr"}; null for both, interleaved as captured.
     */
    public LogRead logs(String id, String stream) {
        HttpResponse<String> r = http.get("/api/v1/jobs/" + JobIds.check(id) + "/logs" + streamQuery("?", stream),
                Http.REQUEST_TIMEOUT);
        return new LogRead(r.body(), (int) header(r, "X-Jobgrid-Attempt"), header(r, "X-Jobgrid-Dropped-Bytes"));
    }

    /**
     * Streams a job's output to {@code sink} as it is produced, across retries, until the job ends.
     * {@code onOpen} receives the open stream, so a Ctrl-C handler can close it to stop following.
     */
    public void followLogs(String id, Consumer<String> sink, Consumer<Closeable> onOpen) {
        streams.followLogs(id, null, sink, onOpen);
    }

    /**
     * As {@link #followLogs(String, Consumer, Consumer)}, one stream only ({@code stream} as in
     * {@link #logs(String, String)}).
     */
    public void followLogs(String id, String stream, Consumer<String> sink, Consumer<Closeable> onOpen) {
        streams.followLogs(id, stream, sink, onOpen);
    }

    /** {@code &stream=...} (after {@code sep}), or nothing for both streams. */
    static String streamQuery(String sep, String stream) {
        return stream == null || stream.isBlank() ? ""
                : sep + "stream=" + java.net.URLEncoder.encode(stream.trim(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads the cluster's event stream ({@code GET /api/v1/events}) and hands each event, as it came,
     * to {@code sink} until it returns false, the stream ends, or the stream given to {@code onOpen}
     * is closed.
     */
    public void events(Predicate<ServerSentEvent> sink, Consumer<Closeable> onOpen) {
        streams.events("/api/v1/events", sink, onOpen);
    }

    /**
     * The event stream as typed events, with room for {@code buffer} events on the node for this
     * reader (1 to 65536; a reader that falls further behind gets a {@link GridEvent.Dropped}).
     */
    public void events(int buffer, Predicate<GridEvent> sink, Consumer<Closeable> onOpen) {
        streams.events("/api/v1/events?buffer=" + buffer,
                e -> GridEvent.parse(e).map(sink::test).orElse(true), onOpen);
    }

    /**
     * Any GET of the API as the JSON the node sent, giving up after {@code timeout}: for callers
     * that must not hang (tab completion) or need a resource this class has no method for yet.
     */
    public JsonNode getJson(String path, Duration timeout) {
        return http.getJson(path, timeout);
    }

    private static long header(HttpResponse<String> r, String name) {
        try {
            return r.headers().firstValue(name).map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
