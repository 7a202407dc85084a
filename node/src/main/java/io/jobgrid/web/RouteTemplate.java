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
        if (template == null || template.isEmpty() || template.equals("*")) {
            return NOT_FOUND; // no endpoint matched; a before-handler may have answered (e.g. 401)
        }
        return template;
    }
}
