/**
 * The REST adapters: parse a request, call the {@link io.jobgrid.api} services, render the
 * answer. A named Java task is {@code {"task","args"}} in the body of {@code POST /api/v1/jobs};
 * its result is shown when it is a string, number or boolean ({@code Scalars}, which reads no other
 * class). Only the API is used here; no scheduling logic lives here (following a log, the state a
 * submitted job starts in, the drop marker: all behind the API). Errors are JSON
 * {@code {"error","field","status"}}. Concurrency limits are {@code /api/v1/limits}
 * ({@link io.jobgrid.web.LimitRoutes}). The contract of every route is {@code openapi.yaml} in this
 * package's resources, served at {@code GET /api/v1/openapi.json}
 * ({@link io.jobgrid.web.OpenApiDocument}); the server refuses to start when its routes and that
 * document differ. The web dashboard ({@link io.jobgrid.web.Dashboard}) is static HTML, CSS and
 * JavaScript in {@code ui/} next to it, served at {@code /ui/}; its pages use only the public REST API.
 */
package io.jobgrid.web;
