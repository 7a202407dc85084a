package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The distributed vectors of one grid ({@code /api/v1/vectors}, SPEC.md section 6). Operations on
 * big vectors take a while, so each call takes its own timeout. Results that are not finite come
 * from the node as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} and are read
 * back as those doubles. The {@code ...Json} variants return the answer as it came, for printing.
 */
public final class VectorClient {
    private static final String BASE = "/api/v1/vectors";

    private final Http http;

    VectorClient(Http http) {
        this.http = http;
    }

    public VectorInfo create(VectorCreate request, Duration timeout) {
        return Json.view(createJson(request, timeout), VectorInfo.class);
    }

    public JsonNode createJson(Object request, Duration timeout) {
        return http.postJson(BASE, request, timeout);
    }

    public List<VectorInfo> list() {
        return Json.list(listJson(), VectorInfo.class);
    }

    public JsonNode listJson() {
        return http.getJson(BASE, Http.REQUEST_TIMEOUT);
    }

    public VectorInfo info(String name) {
        return Json.view(infoJson(name), VectorInfo.class);
    }

    public JsonNode infoJson(String name) {
        return http.getJson(path(name), Http.REQUEST_TIMEOUT);
    }

    public void delete(String name) {
        http.delete(path(name));
    }

    /** {@code v[i] += scalar}. */
    public VectorInfo add(String name, double scalar, Duration timeout) {
        return Json.view(updateJson(name, "add", Map.of("scalar", scalar), timeout), VectorInfo.class);
    }

    /** {@code v[i] *= scalar}. */
    public VectorInfo scale(String name, double scalar, Duration timeout) {
        return Json.view(updateJson(name, "scale", Map.of("scalar", scalar), timeout), VectorInfo.class);
    }

    /** {@code v[i] += a * x[i]}. */
    public VectorInfo axpy(String name, double a, String x, Duration timeout) {
        return Json.view(updateJson(name, "axpy", Map.of("a", a, "x", x), timeout), VectorInfo.class);
    }

    /** {@code v[i] *= x[i]}. */
    public VectorInfo mul(String name, String x, Duration timeout) {
        return Json.view(updateJson(name, "mul", Map.of("x", x), timeout), VectorInfo.class);
    }

    /** An in-place update ({@code add}, {@code scale}, {@code axpy}, {@code mul}) with its body; the new info. */
    public JsonNode updateJson(String name, String operation, Object body, Duration timeout) {
        return http.postJson(path(name) + "/" + operation, body, timeout);
    }

    /** {@code sum}, {@code min}, {@code max} or {@code norm2} of the vector. */
    public double reduce(String name, String reduction, Duration timeout) {
        return value(reduceJson(name, reduction, timeout));
    }

    public JsonNode reduceJson(String name, String reduction, Duration timeout) {
        return http.getJson(path(name) + "/" + reduction, timeout);
    }

    public double dot(String name, String with, Duration timeout) {
        return value(dotJson(name, with, timeout));
    }

    public JsonNode dotJson(String name, String with, Duration timeout) {
        return http.getJson(path(name) + "/dot" + Http.query("with", with), timeout);
    }

    /**
     * Evaluates a vector expression in one pass: {@code {"value": x}} for one that reduces
     * ({@code sum((a - b) * (a - b))}), {@code {"vector": "c", "size": n}} for an assignment
     * ({@code c = a * 2 + b}).
     */
    public JsonNode evalJson(String expression, Duration timeout) {
        return http.postJson(BASE + "/eval", Map.of("expr", expression), timeout);
    }

    /** The value of an expression that reduces. */
    public double evalValue(String expression, Duration timeout) {
        return value(evalJson(expression, timeout));
    }

    /** Elements {@code from} (inclusive) to {@code to} (exclusive). */
    public double[] slice(String name, long from, long to, Duration timeout) {
        return Json.view(sliceJson(name, from, to, timeout).path("values"), double[].class);
    }

    public JsonNode sliceJson(String name, long from, long to, Duration timeout) {
        return http.getJson(path(name) + "/slice?from=" + from + "&to=" + to, timeout);
    }

    private static double value(JsonNode answer) {
        return Json.view(answer.path("value"), Double.class);
    }

    private static String path(String name) {
        return BASE + "/" + Http.segment(name);
    }
}
