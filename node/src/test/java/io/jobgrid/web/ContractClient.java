package io.jobgrid.web;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.support.TestJson;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Real HTTP to one node, checking every answer against the OpenAPI document that node serves:
 * status, content type, headers and body, with Atlassian's validator. A request that succeeds is
 * checked against the document too, so the document accepts what the server accepts. Remembers
 * which documented operations it exercised.
 */
final class ContractClient {
    private static final ObjectMapper JSON = TestJson.MAPPER;

    /** One answer, already checked against the document. */
    record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final JsonNode document;
    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final SortedSet<Route> documented;
    private final Set<Route> exercised = ConcurrentHashMap.newKeySet();

    private ContractClient(String base, String token, String documentJson) throws IOException {
        this.base = base;
        this.token = token;
        this.document = JSON.readTree(documentJson);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var parsed = new OpenAPIV3Parser().readContents(documentJson, null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new AssertionError("the served OpenAPI document does not parse: " + parsed.getMessages());
        }
        this.api = parsed.getOpenAPI();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(documentJson).build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
        this.documented = routesOf(document);
    }

    /** Reads the document the node serves, then checks that very answer against it. */
    static ContractClient connect(String base, String token) throws IOException, InterruptedException {
        HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + OpenApiDocument.PATH)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (served.statusCode() != 200) {
            throw new AssertionError("GET " + OpenApiDocument.PATH + " answered " + served.statusCode());
        }
        ContractClient client = new ContractClient(base, token, served.body());
        client.get(OpenApiDocument.PATH);
        return client;
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, true);
    }

    Answer post(String pathAndQuery, String body) {
        return send("POST", pathAndQuery, body, true);
    }

    Answer delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null, true);
    }

    /** Sends without the token. */
    Answer anonymous(String method, String pathAndQuery) {
        return send(method, pathAndQuery, null, false);
    }

    Answer send(String method, String pathAndQuery, String body, boolean authorized) {
        Answer answer = exchange(method, pathAndQuery, body, authorized);
        check(method, pathAndQuery, body, authorized, answer);
        return answer;
    }

    /** Sends to a route the document does not have, and checks that the answer is its Error schema. */
    Answer unrouted(String method, String pathAndQuery, String body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (documented.stream().anyMatch(r -> r.method().equals(method) && matches(r.path(), path))) {
            throw new AssertionError(method + " " + path + " is documented; use send()");
        }
        Answer answer = exchange(method, pathAndQuery, body, true);
        String problem = problem("Error", answer.body());
        if (problem != null || !"application/json".equals(answer.contentType())) {
            throw new AssertionError(method + " " + pathAndQuery + " -> " + answer.status() + " " + answer.contentType()
                    + " is not a JSON error: " + problem);
        }
        return answer;
    }

    private Answer exchange(String method, String pathAndQuery, String body, boolean authorized) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorized) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = call(request.build());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), response.headers());
    }

    /**
     * Opens the event stream. Each event's data is checked against its schema as it arrives; the
     * answer as a whole (status, content type, headers, the text read) once the stream is closed.
     */
    EventLines events(String query) {
        String pathAndQuery = "/api/v1/events" + query;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            return new EventLines(response.body(), new EventSchemas(document, this::problem), text -> check("GET",
                    pathAndQuery, null, true, new Answer(response.statusCode(), contentType, text, response.headers())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What is wrong with {@code json} against the document's component schema {@code name}, or null. */
    String problem(String name, String json) {
        Schema<?> schema = api.getComponents().getSchemas().get(name);
        if (schema == null) {
            throw new AssertionError("the document has no schema " + name);
        }
        ValidationReport report = schemas.validate(json, schema, name);
        return report.hasErrors() ? name + " " + abbreviate(json) + ":\n" + messages(report) : null;
    }

    /** The operations of the served document. */
    SortedSet<Route> documented() {
        return documented;
    }

    /** The documented operations that a request reached so far. */
    SortedSet<Route> exercised() {
        return new TreeSet<>(exercised);
    }

    private void check(String method, String pathAndQuery, String body, boolean authorized, Answer answer) {
        String path = pathAndQuery.split("\\?", 2)[0];
        Request.Method verb = Request.Method.valueOf(method);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
        answer.headers().map().forEach(response::withHeader);
        if (answer.body() != null && !answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        ValidationReport report = validator.validateResponse(path, verb, response.build());
        if (answer.status() / 100 == 2) {
            report = report.merge(validator.validateRequest(request(verb, pathAndQuery, body, authorized)));
        }
        if (answer.contentType() != null && answer.contentType().startsWith("text/")) {
            // an empty text (logs of a job that printed nothing yet) is a text; the validator calls it missing
            report = ValidationReport.from(report.getMessages().stream()
                    .filter(m -> !m.getKey().equals("validation.response.body.missing")).toList());
        }
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + pathAndQuery + " -> " + answer.status() + " " + answer.contentType()
                    + " " + abbreviate(answer.body()) + "\ndrifted from the OpenAPI document:\n" + messages(report));
        }
        if (authorized) { // a 401 says nothing about the route behind the door
            documented.stream().filter(r -> r.method().equals(method) && matches(r.path(), path)).findFirst()
                    .ifPresent(exercised::add);
        }
    }

    private SimpleRequest request(Request.Method verb, String pathAndQuery, String body, boolean authorized) {
        String[] parts = pathAndQuery.split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(verb, parts[0]);
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        if (body != null) {
            request.withBody(body).withContentType("application/json");
        }
        if (authorized) {
            request.withAuthorization("Bearer " + token);
        }
        return request.build();
    }

    static boolean matches(String template, String path) {
        String regex = Stream.of(template.split("/", -1))
                .map(s -> s.startsWith("{") && s.endsWith("}") ? "[^/]+" : java.util.regex.Pattern.quote(s))
                .reduce((a, b) -> a + "/" + b).orElse("");
        return path.matches(regex);
    }

    private static SortedSet<Route> routesOf(JsonNode document) {
        SortedSet<Route> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(key)) {
                routes.add(new Route(key.toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return routes;
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String messages(ValidationReport report) {
        StringBuilder out = new StringBuilder();
        for (ValidationReport.Message m : report.getMessages()) {
            out.append("  ").append(m.getLevel()).append(' ').append(m.getKey()).append(": ").append(m.getMessage());
            m.getAdditionalInfo().forEach(info -> out.append("\n    ").append(info));
            out.append('\n');
        }
        return out.toString();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? String.valueOf(body) : body.substring(0, 300) + "...";
    }
}
