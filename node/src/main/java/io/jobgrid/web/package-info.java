/**
 * The REST adapters: parse a request, call the {@link io.jobgrid.api} services, render the
 * answer. No scheduling logic lives here. Errors are JSON {@code {"error","field","status"}}.
 * The contract of every route is {@code openapi.yaml} in this package's resources, served at
 * {@code GET /api/v1/openapi.json} ({@link io.jobgrid.web.OpenApiDocument}); the server refuses
 * to start when its routes and that document differ.
 */
package io.jobgrid.web;
