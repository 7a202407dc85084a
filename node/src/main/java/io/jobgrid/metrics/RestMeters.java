package io.jobgrid.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * REST requests served by this node: {@code http.server.requests} (Prometheus
 * {@code http_server_requests_seconds_count/sum}) tagged with the method, the route template
 * ({@code uri}, e.g. {@code /api/v1/jobs/{id}}, never the raw path, so ids cannot blow up the
 * number of series), the status and its class ({@code outcome}), as Micrometer's own HTTP binders
 * name them.
 */
public final class RestMeters {
    private final MeterRegistry registry;

    public RestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("REST requests served by this node, by route template and status")
                .tag("method", method)
                .tag("uri", route)
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
