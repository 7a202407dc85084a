/**
 * The REST adapters: parse a request, call the {@link io.jobgrid.api} services, render the
 * answer. No scheduling logic lives here. Errors are JSON {@code {"error","field","status"}}.
 */
package io.jobgrid.web;
