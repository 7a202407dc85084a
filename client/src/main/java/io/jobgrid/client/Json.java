package io.jobgrid.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;

/**
 * The one Jackson {@link ObjectMapper} of the client and of everything built on it (the shell, the
 * benchmarks): ISO-8601 times, unknown fields ignored so that a newer node stays readable. Configured
 * once here, so a request body, a printed answer and a parsed event never disagree on a format.
 * The mapper is thread-safe once configured; nobody may reconfigure it.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** The shared mapper. Use {@link ObjectMapper#copyWith} for another format (YAML) with the same settings. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The value as one line of JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value as indented JSON, for people. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The text as a JSON tree; a {@link JobgridClientException} (REFUSED) saying where it came from when it is not JSON. */
    public static JsonNode tree(String text, String source) {
        try {
            return text == null || text.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JobgridClientException(JobgridClientException.Kind.REFUSED, source
                    + " answered with something that is not JSON: " + abbreviate(text));
        }
    }

    /** The typed view of a JSON value; a {@link JobgridClientException} (REFUSED) naming the type if it does not fit. */
    public static <T> T view(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new JobgridClientException(JobgridClientException.Kind.REFUSED, "The node sent a "
                    + type.getSimpleName() + " that cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Every element of a JSON array as a typed view; an empty list for anything else. */
    public static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> out.add(view(e, type)));
        }
        return out;
    }

    /** At most 200 characters of {@code s}, for messages. */
    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
