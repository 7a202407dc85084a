package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.support.TestJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The few REST calls the end-to-end tests make against real nodes, with a bearer token when the
 * nodes need one. Every request has a timeout, so a call to a stopped or cut-off node fails
 * instead of hanging the test.
 */
final class E2eRest {
    static final ObjectMapper JSON = TestJson.MAPPER;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String token;

    /** {@code token} null: nodes without authentication. */
    E2eRest(String token) {
        this.token = token;
    }

    HttpResponse<String> get(String url, String path) throws Exception {
        return HTTP.send(request(url + path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String path, String json) throws Exception {
        return HTTP.send(request(url + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a job ({@code spec} is the JSON body, or an object to write as JSON); 201 or the test fails. */
    String submit(String url, Object spec) throws Exception {
        String json = spec instanceof String s ? s : JSON.writeValueAsString(spec);
        HttpResponse<String> r = post(url, "/api/v1/jobs", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** The job's record as the node answers it (the body is parsed whatever the status). */
    JsonNode job(String url, String id) throws Exception {
        return JSON.readTree(get(url, "/api/v1/jobs/" + id).body());
    }

    /** Ids of the jobs a node's records show RUNNING on {@code node} (first 100). */
    List<String> runningOn(String url, String node) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode j : JSON.readTree(get(url, "/api/v1/jobs?state=RUNNING&node=" + node + "&limit=100").body())) {
            out.add(j.get("id").asText());
        }
        return out;
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
