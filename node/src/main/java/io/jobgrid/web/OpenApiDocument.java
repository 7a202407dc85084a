package io.jobgrid.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The node's REST contract: the hand-written OpenAPI 3 document {@code openapi.yaml} next to this
 * class, served as JSON at {@link #PATH}. Read once; the JSON is rendered once and shared.
 */
public final class OpenApiDocument {
    /** Where every node serves the document. */
    public static final String PATH = "/api/v1/openapi.json";
    static final String RESOURCE = "openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode tree;
    private final byte[] json;

    private OpenApiDocument(JsonNode tree) {
        this.tree = tree;
        try {
            this.json = RestMapper.shared().mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + RESOURCE + " as JSON", e);
        }
    }

    /** The document shipped with this node. */
    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath next to "
                        + OpenApiDocument.class.getName());
            }
            return new OpenApiDocument(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document as JSON bytes, as served. */
    public byte[] json() {
        return json.clone();
    }

    /** Every operation the document describes. */
    public SortedSet<Route> routes() {
        SortedSet<Route> routes = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(key -> {
                if (METHODS.contains(key.toLowerCase(Locale.ROOT))) {
                    routes.add(new Route(key, path.getKey()));
                }
            });
        }
        return routes;
    }

    /**
     * Checks that {@code served} and the document name the same operations.
     *
     * @throws IllegalStateException naming every route missing from either side
     */
    public void requireSameRoutes(Collection<Route> served) {
        SortedSet<Route> documented = routes();
        SortedSet<Route> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        SortedSet<Route> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        if (!undocumented.isEmpty() || !unserved.isEmpty()) {
            throw new IllegalStateException("the REST routes and " + RESOURCE + " must describe the same operations; "
                    + "served but not documented: " + undocumented + ", documented but not served: " + unserved
                    + " (describe every route in node/src/main/resources/io/jobgrid/web/" + RESOURCE + ")");
        }
    }
}
