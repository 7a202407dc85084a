package io.jobgrid.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.jobgrid.api.IllegalStateChangeException;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.Nodes;
import io.jobgrid.api.NotFoundException;
import io.jobgrid.api.NotReadyException;
import io.jobgrid.api.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The REST door of a node. Bound to loopback unless configured otherwise; with a token, every
 * request but {@code /health} and the dashboard's static files ({@link Dashboard}) must carry
 * {@code Authorization: Bearer <token>}. A read-only token is let in for GET (and HEAD) only; any
 * other method answers 403. Its contract is {@link OpenApiDocument}, served at
 * {@code /api/v1/openapi.json}: the server refuses to start when the routes registered on it and the
 * document's operations differ.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Javalin app;
    private final byte[] token;
    private final byte[] readOnlyToken;
    private final SortedSet<Route> routes = new TreeSet<>();

    /**
     * @param ready   whether the node is in the cluster and serving
     * @param metrics Prometheus text of the node's meters
     * @param extra   more routes (vectors, ...)
     */
    public RestServer(Jobs jobs, Nodes nodes, String token, BooleanSupplier ready, Supplier<String> metrics,
                      Consumer<Javalin> extra) {
        this(jobs, nodes, token, null, ready, () -> false, metrics, extra, cfg -> { }, RequestRecorder.NONE);
    }

    /**
     * @param readOnlyToken a second bearer token that may read (GET) but not change anything; or null
     * @param clusterSafe   whether every partition has its backups in place and none migrates (asked
     *                      on each {@code /health} of a node that is up; must answer within a quarter second, well
     *                      inside a probe's usual 1-s timeout)
     * @param configure     more server settings (a TLS connector, ...)
     * @param recorder      told about every answered request
     */
    public RestServer(Jobs jobs, Nodes nodes, String token, String readOnlyToken, BooleanSupplier ready,
                      BooleanSupplier clusterSafe, Supplier<String> metrics, Consumer<Javalin> extra,
                      Consumer<JavalinConfig> configure, RequestRecorder recorder) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.readOnlyToken = readOnlyToken == null ? null : readOnlyToken.getBytes(StandardCharsets.UTF_8);
        RestMapper json = RestMapper.shared();
        OpenApiDocument contract = OpenApiDocument.load();
        this.app = Javalin.create(cfg -> {
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                }
            });
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.jsonMapper(new JavalinJackson(json.mapper(), false));
            cfg.requestLogger.http((ctx, ms) -> recorder.answered(ctx.method().name(), RouteTemplate.of(ctx),
                    ctx.statusCode(), (long) (ms * 1_000_000)));
            JsonErrorHandler.install(cfg);
            Dashboard.install(cfg);
            configure.accept(cfg);
        });
        app.before(this::authenticate);
        app.get("/health", ctx -> {
            boolean up = ready.getAsBoolean();
            boolean safe = up && clusterSafe.getAsBoolean();
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "clusterSafe", safe));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
        byte[] document = contract.json();
        app.get(OpenApiDocument.PATH, ctx -> ctx.contentType("application/json").result(document));
        app.get("/api/v1/nodes", ctx -> ctx.json(nodes.list().stream().map(Views::node).toList()));
        app.post("/api/v1/nodes/{name}/drain", ctx -> ctx.status(202).json(Views.node(nodes.drain(ctx.pathParam("name")))));
        new JobRoutes(jobs, json).register(app);
        extra.accept(app);
        registerErrors();
        contract.requireSameRoutes(routes);
    }

    public RestServer start(String bind, int port) {
        app.start(bind, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every route registered on this server, as Javalin reported them. */
    public SortedSet<Route> routes() {
        return Collections.unmodifiableSortedSet(routes);
    }

    private void authenticate(Context ctx) {
        if (token == null || ctx.path().equals("/health") || Dashboard.isStaticFile(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(given, token)) {
            return;
        }
        if (readOnlyToken != null && MessageDigest.isEqual(given, readOnlyToken)) {
            if (READS.contains(ctx.method().name())) {
                return;
            }
            LOG.warn("refused {} {} from {}: the read-only token cannot change anything", ctx.method(), ctx.path(),
                    ctx.ip());
            throw new HttpResponseException(403, "the read-only token may only read (GET), but this was "
                    + ctx.method() + " " + ctx.path());
        }
        LOG.warn("refused {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(),
                header == null ? "no Authorization header" : "wrong token");
        throw new HttpResponseException(401, "a valid 'Authorization: Bearer <token>' header is required");
    }

    private void registerErrors() {
        app.exception(TooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage(), e.field()));
        app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.field()));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage(), null));
        app.exception(IllegalStateChangeException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), "state"));
        app.exception(NotReadyException.class, (e, ctx) -> error(ctx, 503, e.getMessage(), null));
        app.exception(JobGridException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) { // Javalin's own: the body is over maxRequestSize
                error(ctx, 413, "the request body may be at most " + MAX_BODY_BYTES + " bytes", "body");
            } else {
                error(ctx, e.getStatus(), e.getMessage(), null);
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no route " + ctx.method() + " " + ctx.path(), null);
            }
        });
        app.error(413, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) { // the server's own, not a TooLargeException's
                error(ctx, 413, "the request body may be at most " + MAX_BODY_BYTES + " bytes", "body");
            }
        });
    }

    private static void error(Context ctx, int status, String message, String field) {
        ctx.status(status).json(Views.error(status, message, field));
    }

    @Override
    public void close() {
        app.stop();
    }
}
