package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of every error answer: {@code {"error": "...", "field": "...", "status": 400}}.
 *
 * @param error  the node's sentence, naming the bad value
 * @param field  the request field it is about, or null
 * @param status the HTTP status, repeated in the body
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(String error, String field, int status) {
    public ErrorBody {
        if (error == null || error.isBlank()) {
            error = "(no details)";
        }
        if (status < 0) {
            throw new IllegalArgumentException("an error status is an HTTP status, but was " + status);
        }
    }

    /** The error body of an answer; any text that is not one is kept (shortened) as the error. */
    public static ErrorBody parse(int status, String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody(null, null, status);
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.hasNonNull("error")) {
                JsonNode given = node.get("status");
                return new ErrorBody(node.get("error").asText(), Failures.text(node, "field"),
                        given != null && given.canConvertToInt() ? given.asInt() : status);
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // fall through: keep the text as it came
        }
        return new ErrorBody(Json.abbreviate(body.strip()), null, status);
    }
}
