package io.jobgrid.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.VectorEval;
import io.jobgrid.api.VectorInit;
import io.jobgrid.api.Vectors;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * REST adapter for the vectors of SPEC.md section 6, under {@code /api/v1/vectors}: parse, call
 * {@link Vectors}, render. Errors are thrown as {@link io.jobgrid.api.JobGridException}s for the
 * node's error mapper. Non-finite results (a NaN element, an overflow) are rendered as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, since JSON has no such numbers.
 */
public final class VectorRoutes {
    private static final String BASE = "/api/v1/vectors";
    private static final Set<String> CREATE_FIELDS = Set.of("name", "size", "init", "value", "start", "step", "seed");

    private final Vectors vectors;
    private final ObjectMapper json;

    private VectorRoutes(Vectors vectors) {
        this.vectors = vectors;
        this.json = RestMapper.shared().mapper();
    }

    public static void register(Javalin app, Vectors vectors) {
        VectorRoutes routes = new VectorRoutes(vectors);
        app.post(BASE, routes::create);
        app.post(BASE + "/eval", routes::eval);
        app.get(BASE, ctx -> routes.render(ctx, 200, vectors.list()));
        app.get(BASE + "/{name}", ctx -> routes.render(ctx, 200, vectors.info(ctx.pathParam("name"))));
        app.delete(BASE + "/{name}", ctx -> {
            vectors.delete(ctx.pathParam("name"));
            ctx.status(204);
        });
        app.post(BASE + "/{name}/add", ctx -> routes.update(ctx, Set.of("scalar"), (name, body) ->
                vectors.add(name, number(body, "scalar"))));
        app.post(BASE + "/{name}/scale", ctx -> routes.update(ctx, Set.of("scalar"), (name, body) ->
                vectors.scale(name, number(body, "scalar"))));
        app.post(BASE + "/{name}/axpy", ctx -> routes.update(ctx, Set.of("a", "x"), (name, body) ->
                vectors.axpy(name, number(body, "a"), text(body, "x"))));
        app.post(BASE + "/{name}/mul", ctx -> routes.update(ctx, Set.of("x"), (name, body) ->
                vectors.mul(name, text(body, "x"))));
        app.get(BASE + "/{name}/sum", ctx -> routes.value(ctx, vectors.sum(ctx.pathParam("name"))));
        app.get(BASE + "/{name}/min", ctx -> routes.value(ctx, vectors.min(ctx.pathParam("name"))));
        app.get(BASE + "/{name}/max", ctx -> routes.value(ctx, vectors.max(ctx.pathParam("name"))));
        app.get(BASE + "/{name}/norm2", ctx -> routes.value(ctx, vectors.norm2(ctx.pathParam("name"))));
        app.get(BASE + "/{name}/dot", ctx -> routes.value(ctx,
                vectors.dot(ctx.pathParam("name"), required(ctx, "with"))));
        app.get(BASE + "/{name}/slice", ctx -> routes.render(ctx, 200, Map.of("values",
                vectors.slice(ctx.pathParam("name"), longParam(ctx, "from"), longParam(ctx, "to")))));
    }

    /** POST {"name":"v","size":N,"init":"zeros|fill|range|random","value":..,"start":..,"step":..,"seed":..}. */
    private void create(Context ctx) throws JsonProcessingException {
        JsonNode body = body(ctx, CREATE_FIELDS);
        String name = text(body, "name");
        long size = integer(body, "size");
        render(ctx, 201, vectors.create(name, size, init(body)));
    }

    /** POST {"expr": "..."}: {"value": x} for an expression that reduces, {"vector": name, "size": n} for an assignment. */
    private void eval(Context ctx) throws JsonProcessingException {
        VectorEval answer = vectors.eval(text(body(ctx, Set.of("expr")), "expr"));
        if (answer.assignment()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("vector", answer.vector());
            body.put("size", answer.size());
            render(ctx, 200, body);
        } else {
            value(ctx, answer.value());
        }
    }

    private static VectorInit init(JsonNode body) {
        JsonNode kind = body.get("init");
        String init = kind == null || kind.isNull() ? "zeros" : kind.asText().toLowerCase(Locale.ROOT);
        return switch (init) {
            case "zeros" -> VectorInit.zeros();
            case "fill" -> VectorInit.fill(number(body, "value"));
            case "range" -> VectorInit.range(optionalNumber(body, "start", 0), optionalNumber(body, "step", 1));
            case "random" -> VectorInit.random(body.has("seed") ? integer(body, "seed") : 0);
            default -> throw new InvalidInputException("init",
                    "init must be one of zeros, fill, range, random, but was '" + kind.asText() + "'");
        };
    }

    private void update(Context ctx, Set<String> fields, Update update) throws JsonProcessingException {
        render(ctx, 200, update.apply(ctx.pathParam("name"), body(ctx, fields)));
    }

    private void value(Context ctx, double value) throws JsonProcessingException {
        render(ctx, 200, Map.of("value", value));
    }

    private void render(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(value));
    }

    /** The body as a JSON object with no field outside {@code known}: a typo is refused, not ignored. */
    private JsonNode body(Context ctx, Set<String> known) {
        JsonNode body;
        try {
            // NaN and Infinity are read, so that they are refused naming their field, not as bad JSON.
            body = json.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "body must be a JSON object, but was not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "body must be a JSON object, but was "
                    + (body == null || body.isMissingNode() ? "empty" : body.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new InvalidInputException(field, "unknown field " + field + "; known fields are "
                        + new TreeSet<>(known) + ", but was " + field);
            }
        }
        return body;
    }

    private static double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, field + " is required, but was missing");
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(field, field + " must be a number, but was " + node);
        }
        return node.doubleValue();
    }

    private static double optionalNumber(JsonNode body, String field, double otherwise) {
        return body.hasNonNull(field) ? number(body, field) : otherwise;
    }

    private static long integer(JsonNode body, String field) {
        number(body, field);
        JsonNode node = body.get(field);
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw new InvalidInputException(field, field + " must be a whole number, but was " + node);
        }
        return node.longValue();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(field, field + " is required, but was missing");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(field, field + " must be a string, but was " + node);
        }
        return node.asText();
    }

    private static String required(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(param, "query parameter " + param + " is required, but was missing");
        }
        return value;
    }

    private static long longParam(Context ctx, String param) {
        String value = required(ctx, param);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(param, param + " must be a whole number, but was '" + value + "'");
        }
    }

    /** One in-place update route: the vector's name and the parsed body in, the new info out. */
    @FunctionalInterface
    private interface Update {
        Object apply(String name, JsonNode body);
    }
}
