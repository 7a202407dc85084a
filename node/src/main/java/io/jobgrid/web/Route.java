package io.jobgrid.web;

import java.util.Locale;

/**
 * One REST route: an HTTP method and a path template in the form Javalin and OpenAPI share
 * ({@code /api/v1/jobs/{id}}).
 *
 * @param method upper case, e.g. {@code GET}
 * @param path   the template, starting with {@code /}
 */
public record Route(String method, String path) implements Comparable<Route> {
    public Route {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("a route needs an HTTP method, but was " + method);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with /, but was " + path);
        }
        method = method.toUpperCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Route other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
