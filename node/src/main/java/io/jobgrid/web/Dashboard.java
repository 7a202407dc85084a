package io.jobgrid.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The web dashboard: static HTML, CSS and JavaScript under {@code /ui/}, served from the node's jar
 * on the same server (bind, TLS) as REST. The files hold no data and are served without the token;
 * the pages read and change everything through the REST API with the bearer token the user typed
 * in, kept in the tab's sessionStorage. They are not REST operations, so they are not routes (and
 * not in the OpenAPI document): Javalin's static file handler serves them.
 */
final class Dashboard {
    static final String PATH = "/ui";
    private static final String RESOURCES = "/io/jobgrid/web/ui";
    /** Same-origin only: no CDN, no inline script, no framing by other sites. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private Dashboard() {
    }

    static void install(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = RESOURCES;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "Content-Security-Policy", POLICY,
                    "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
        });
    }

    /** True for the dashboard's files, which need no token. */
    static boolean isStaticFile(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }
}
