package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClientException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The wire under {@link JobgridClient}: one JDK {@link HttpClient} for one node, the bearer token on
 * every request, JSON bodies through {@link Json}, and every failure turned into a
 * {@link JobgridClientException} by {@link Failures}.
 */
final class Http {
    /** How long a plain request may take; streams (logs, events) have no limit. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * How long a request over many jobs at once may take (an array or batch submitted or cancelled):
     * the node answers once every job is stored or cancelled, about 1.5 s and 7 s per 10,000 jobs on
     * two cores, and a caller that gave up early would submit again what was stored.
     */
    static final Duration BULK_TIMEOUT = Duration.ofMinutes(5);

    private final GridTarget target;
    private final TrustStore trust;
    private final HttpClient client;
    private final Failures failures;

    Http(GridTarget target, TrustStore trust) {
        this(target, trust, httpClient(target, trust));
    }

    private Http(GridTarget target, TrustStore trust, HttpClient client) {
        this.target = target;
        this.trust = trust;
        this.client = client;
        this.failures = new Failures(target, trust);
    }

    /** The wire to another node of the same scheme, token and trust, over this one's HttpClient. */
    Http sibling(String url) {
        GridTarget other = new GridTarget(url, target.token());
        if (!URI.create(other.url()).getScheme().equals(URI.create(target.url()).getScheme())) {
            throw new IllegalArgumentException("a sibling node is reached like this one (" + target.url()
                    + "), but was " + other.url());
        }
        return new Http(other, trust, client);
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

    GridTarget target() {
        return target;
    }

    JsonNode getJson(String path, Duration timeout) {
        return Json.tree(text(get(path, timeout)), "The node at " + target.url());
    }

    JsonNode postJson(String path, Object body, Duration timeout) {
        HttpRequest req = request(path, "application/json").timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body))).build();
        return Json.tree(text(send(req)), "The node at " + target.url());
    }

    JsonNode putJson(String path, Object body, Duration timeout) {
        HttpRequest req = request(path, "application/json").timeout(timeout).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body))).build();
        return Json.tree(text(send(req)), "The node at " + target.url());
    }

    /** Sends a POST without waiting for its answer: for submitting many jobs at once. */
    CompletableFuture<JsonNode> postJsonAsync(String path, Object body) {
        HttpRequest req = request(path, "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return client.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw cause instanceof IOException io ? failures.transport(io)
                                : new JobgridClientException(Kind.UNREACHABLE, String.valueOf(cause), cause);
                    }
                    return Json.tree(text(checked(response)), "The node at " + target.url());
                });
    }

    void delete(String path) {
        send(request(path, "application/json").DELETE().build());
    }

    /** A GET whose answer is checked for a 2xx status; the body is read as UTF-8 text. */
    HttpResponse<String> get(String path, Duration timeout) {
        return send(request(path, "application/json").timeout(timeout).GET().build());
    }

    /** An open stream of a GET's body (logs, events); a non-2xx answer is read and thrown. */
    InputStream stream(String path, String accept) {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).headers(headers(accept)).GET().build();
        HttpResponse<InputStream> response = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                throw failures.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw failures.transport(e);
            }
        }
        return response.body();
    }

    JobgridClientException transport(IOException e) {
        return failures.transport(e);
    }

    private HttpResponse<String> send(HttpRequest req) {
        return checked(exchange(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> checked(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw failures.of(response.statusCode(), response.body());
        }
        return response;
    }

    private static String text(HttpResponse<String> response) {
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(req, handler);
        } catch (IOException e) {
            throw failures.transport(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobgridClientException(Kind.INTERRUPTED, "Stopped (Ctrl-C).");
        }
    }

    private HttpRequest.Builder request(String path, String accept) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).headers(headers(accept));
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

    /** One path segment, escaped (a vector's name may hold any character). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
