/**
 * The REST adapters: parse a request, call the {@link io.jobgrid.api} services, render the
 * answer. Only the API is used here; no scheduling logic lives here (following a log, the state a
 * submitted job starts in, the drop marker: all behind the API). Errors are JSON
 * {@code {"error","field","status"}}.
 */
package io.jobgrid.web;
