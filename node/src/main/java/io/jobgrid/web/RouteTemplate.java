package io.jobgrid.web;

import io.javalin.http.Context;

/** The route template a request matched, for metrics: bounded in number, unlike raw paths. */
final class RouteTemplate {
    static final String NOT_FOUND = "NOT_FOUND";

    private RouteTemplate() {
    }

    static String of(Context ctx) {
        String template;
        try {
            template = ctx.endpointHandlerPath();
        } catch (RuntimeException noEndpoint) {
            return NOT_FOUND;
        }
        // Javalin answers the path itself (or "*" from a before-handler) when no endpoint matched
        if (template == null || template.isEmpty() || template.equals("*") || template.equals(ctx.path())
                && ctx.statusCode() == 404 && !template.startsWith("/health") && !template.startsWith("/metrics")) {
            return ctx.statusCode() == 404 ? NOT_FOUND : "UNMATCHED";
        }
        return template;
    }
}
