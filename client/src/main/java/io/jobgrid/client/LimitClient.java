package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The cluster-wide concurrency limits of one grid ({@code /api/v1/limits}): never more than
 * {@code max} jobs of a key run at once anywhere in the cluster. The {@code ...Json} variants
 * return the answer as it came, for printing.
 */
public final class LimitClient {
    private static final String BASE = "/api/v1/limits";

    private final Http http;

    LimitClient(Http http) {
        this.http = http;
    }

    /** Sets (or changes) the key's limit; the key after. */
    public LimitView set(String key, int max) {
        return Json.view(setJson(key, max), LimitView.class);
    }

    public JsonNode setJson(String key, int max) {
        return http.putJson(path(key), Map.of("max", max), Http.REQUEST_TIMEOUT);
    }

    public List<LimitView> list() {
        return Json.list(listJson(), LimitView.class);
    }

    public JsonNode listJson() {
        return http.getJson(BASE, Http.REQUEST_TIMEOUT);
    }

    public LimitView get(String key) {
        return Json.view(http.getJson(path(key), Http.REQUEST_TIMEOUT), LimitView.class);
    }

    /** Removes the key's limit; its waiting jobs start. */
    public void delete(String key) {
        http.delete(path(key));
    }

    private static String path(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a concurrency key is needed, but was '" + key + "'");
        }
        return BASE + "/" + Http.segment(key.strip());
    }
}
