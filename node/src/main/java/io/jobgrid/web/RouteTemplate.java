package io.jobgrid.web;

import io.javalin.http.Context;

/** The route template a request matched, for metrics: bounded in number, unlike raw paths. */
final class RouteTemplate {
    static final String NOT_FOUND = "NOT_FOUND";
    /** Every file of the dashboard, counted as one: the static handler has no route template. */
    static final String DASHBOARD = Dashboard.PATH + "/*";

    private RouteTemplate() {
    }

    static String of(Context ctx) {
        String template;
        try {
            template = ctx.endpointHandlerPath();
        } catch (RuntimeException noEndpoint) {
            return unmatched(ctx);
        }
        if (template == null || template.isEmpty() || template.equals("*")) {
            return unmatched(ctx); // no endpoint matched; a before-handler may have answered (e.g. 401)
        }
        return template;
    }

    private static String unmatched(Context ctx) {
        return Dashboard.isStaticFile(ctx.path()) ? DASHBOARD : NOT_FOUND;
    }
}
