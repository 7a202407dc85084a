package io.jobgrid.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The recurring schedules of one grid ({@code /api/v1/schedules}). Each fire is an ordinary job, listed by
 * {@code jobs(JobQuery.all().firedBy(id))}. The {@code ...Json} variants return the answer as it came,
 * for printing.
 */
public final class ScheduleClient {
    private static final String BASE = "/api/v1/schedules";

    private final Http http;

    ScheduleClient(Http http) {
        this.http = http;
    }

    /** Stores the schedule; answers its new id. */
    public String create(ScheduleRequest request) {
        return createJson(request).path("id").asText();
    }

    public JsonNode createJson(ScheduleRequest request) {
        return http.postJson(BASE, request, Http.REQUEST_TIMEOUT);
    }

    public List<ScheduleView> list() {
        return Json.list(listJson(), ScheduleView.class);
    }

    public JsonNode listJson() {
        return http.getJson(BASE, Http.REQUEST_TIMEOUT);
    }

    public ScheduleView get(String id) {
        return Json.view(getJson(id), ScheduleView.class);
    }

    public JsonNode getJson(String id) {
        return http.getJson(path(id), Http.REQUEST_TIMEOUT);
    }

    /** Deletes the schedule; jobs it already started go on. */
    public void delete(String id) {
        http.delete(path(id));
    }

    /** Stops firing until {@link #resume}; fire times passed meanwhile are not made up. The schedule after. */
    public ScheduleView pause(String id) {
        return Json.view(pauseJson(id), ScheduleView.class);
    }

    public JsonNode pauseJson(String id) {
        return http.postJson(path(id) + "/pause", null, Http.REQUEST_TIMEOUT);
    }

    public ScheduleView resume(String id) {
        return Json.view(resumeJson(id), ScheduleView.class);
    }

    public JsonNode resumeJson(String id) {
        return http.postJson(path(id) + "/resume", null, Http.REQUEST_TIMEOUT);
    }

    private static String path(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a schedule id is needed, but was '" + id + "'");
        }
        return BASE + "/" + Http.segment(id.strip());
    }
}
