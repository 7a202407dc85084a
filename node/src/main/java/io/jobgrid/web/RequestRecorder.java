package io.jobgrid.web;

/** Told about every REST request once it is answered, e.g. to count it in the node's metrics. */
@FunctionalInterface
public interface RequestRecorder {
    RequestRecorder NONE = (method, route, status, nanos) -> { };

    /**
     * @param route the route template that matched ({@code /api/v1/jobs/{id}}), never the raw path;
     *              {@code NOT_FOUND} when no route matched
     */
    void answered(String method, String route, int status, long nanos);
}
