package io.jobgrid.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.jobgrid.api.InvalidInputException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Strict JSON for request bodies: unknown fields, duplicate keys, trailing tokens, numbers where
 * text is expected and the like are refused with an error naming the field, rather than guessed.
 */
public final class RestMapper {
    private static final RestMapper SHARED = new RestMapper();

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** The one mapper of the REST layer: every route, error page and document of this node uses it. */
    public static RestMapper shared() {
        return SHARED;
    }

    private RestMapper() {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses {@code body} as {@code type}, turning every parse failure into an {@link InvalidInputException}. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "the request body must be a JSON object, but was empty");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new InvalidInputException("body", "the request body must be a JSON object, but was null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new InvalidInputException(field, "unknown field '" + field + "'");
        } catch (JsonParseException e) {
            throw malformedJson(currentField(e), e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw mappingFailure(e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("body", "cannot read the request body: " + e.getMessage());
        }
    }

    /**
     * What a mapping failure means to the caller: a check of ours that refused a value while it was
     * mapped (passed on as it is), JSON that breaks off inside a field, or a value of the wrong type or shape.
     */
    private static InvalidInputException mappingFailure(JsonMappingException e) {
        if (e.getCause() instanceof InvalidInputException invalid) {
            return invalid;
        }
        String field = path(e);
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(field.isEmpty() ? null : field, parse.getOriginalMessage());
        }
        return new InvalidInputException(field.isEmpty() ? "body" : field,
                (field.isEmpty() ? "the body" : "field '" + field + "'") + " has the wrong type or shape: "
                        + e.getOriginalMessage());
    }

    /** Malformed JSON, at {@code field} when it is known (not null), else in the body as a whole. */
    private static InvalidInputException malformedJson(String field, String detail) {
        return new InvalidInputException(field == null ? "body" : field,
                "malformed JSON" + (field == null ? "" : " at '" + field + "'") + ": " + detail);
    }

    private static String currentField(JsonParseException e) {
        try {
            JsonParser parser = e.getProcessor();
            return parser == null ? null : parser.currentName();
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
