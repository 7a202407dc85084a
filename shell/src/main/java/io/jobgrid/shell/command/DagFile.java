package io.jobgrid.shell.command;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A DAG file for {@code dag submit}: jobs named by the keys of {@code jobs}, each a job spec (the
 * fields of {@code POST /api/v1/jobs}) plus {@code after}, the keys it waits for:
 *
 * <pre>
 * jobs:
 *   fetch:
 *     shell: curl -fsS https://example.org/data -o /tmp/data
 *   report:
 *     command: [wc, -l, /tmp/data]
 *     after: [fetch]
 * </pre>
 *
 * Read into the body of {@code POST /api/v1/dags}. The console checks only the file's shape (with
 * the line of a YAML syntax error); the node checks the specs, keys and edges, cycles included.
 * A job without a {@code name} is named by its key, so {@code dag ID} shows the keys.
 */
final class DagFile {
    private DagFile() {
    }

    static ObjectNode read(Path file) {
        JsonNode root = parse(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw bad(file, "is empty, but must have a 'jobs:' mapping of job keys to specs");
        }
        if (!root.isObject() || !root.has("jobs")) {
            throw bad(file, "must have a 'jobs:' mapping of job keys to specs at the top, but has "
                    + (root.isObject() ? "keys " + fieldNames(root) : "a " + kind(root)));
        }
        if (root.size() > 1) {
            throw bad(file, "may only have the key 'jobs' at the top, but has " + fieldNames(root));
        }
        JsonNode jobs = root.get("jobs");
        if (!jobs.isObject() || jobs.isEmpty()) {
            throw bad(file, "'jobs' must be a mapping of job keys to specs, but was "
                    + (jobs.isObject() ? "empty" : "a " + kind(jobs)));
        }
        ObjectMapper json = Json.mapper();
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("jobs");
        for (Iterator<Map.Entry<String, JsonNode>> it = jobs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            list.add(entry(file, e.getKey(), e.getValue(), json));
        }
        return body;
    }

    private static ObjectNode entry(Path file, String key, JsonNode value, ObjectMapper json) {
        if (!value.isObject()) {
            throw bad(file, "job '" + key + "' must be a mapping (shell: or command:, after:, ...), but was a "
                    + kind(value));
        }
        ObjectNode spec = ((ObjectNode) value).deepCopy();
        JsonNode after = spec.remove("after");
        ObjectNode entry = json.createObjectNode();
        entry.put("key", key);
        if (!spec.has("name")) {
            spec.put("name", key);
        }
        entry.set("spec", spec);
        ArrayNode edges = entry.putArray("after");
        if (after != null && !after.isNull()) {
            if (after.isTextual()) {
                edges.add(after.asText());
            } else if (after.isArray()) {
                for (JsonNode parent : after) {
                    if (!parent.isTextual()) {
                        throw bad(file, "job '" + key + "': after must list job keys, but has " + parent);
                    }
                    edges.add(parent.asText());
                }
            } else {
                throw bad(file, "job '" + key + "': after must be a job key or a list of them, but was " + after);
            }
        }
        return entry;
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ShellException(ShellException.USAGE, "The DAG file " + file + " does not exist");
        } catch (IOException e) {
            throw new ShellException(ShellException.USAGE, "The DAG file " + file + " cannot be read: " + e.getMessage());
        }
        // the shared mapper's settings, reading YAML; a key given twice is an error, not silently the last
        ObjectMapper yaml = Json.mapper().copyWith(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return yaml.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr()
                    + (at.getColumnNr() > 0 ? " column " + at.getColumnNr() : "");
            throw new ShellException(ShellException.USAGE, "The DAG file " + file + " is not valid YAML" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ShellException(ShellException.USAGE, "The DAG file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static ShellException bad(Path file, String why) {
        return new ShellException(ShellException.USAGE, "The DAG file " + file + " " + why);
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n));
        return sb.toString();
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "list" : node.isObject() ? "mapping" : node.isNull() ? "null" : "value ("
                + node.asText() + ")";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
