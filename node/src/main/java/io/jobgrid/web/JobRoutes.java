package io.jobgrid.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobLog;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.Jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/jobs}: submit, list, read, follow logs, cancel. */
final class JobRoutes {
    private final Jobs jobs;
    private final RestMapper json;

    JobRoutes(Jobs jobs, RestMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/api/v1/jobs", this::submit);
        app.post("/api/v1/jobs/batch", ctx -> {
            List<JobId> ids = jobs.submitAll(json.read(ctx.bodyAsBytes(), BatchRequest.class).toSpecs());
            ctx.status(201).json(Map.of("ids", ids.stream().map(JobId::value).toList()));
        });
        app.get("/api/v1/jobs", this::list);
        // before /jobs/{id}: Javalin matches routes in the order they were added
        app.get("/api/v1/jobs/summary", ctx -> {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            jobs.summary().forEach((state, n) -> out.put(state.name(), n));
            ctx.json(out);
        });
        app.get("/api/v1/jobs/{id}", ctx -> ctx.json(Views.job(jobs.require(id(ctx)))));
        app.get("/api/v1/jobs/{id}/logs", this::logs);
        app.post("/api/v1/jobs/{id}/cancel", this::cancel);
        app.get("/api/v1/jobs/{id}/dag", this::dag);
        app.post("/api/v1/dags", ctx -> {
            Map<String, JobId> ids = jobs.submitDag(json.read(ctx.bodyAsBytes(), DagRequest.class).toJobs());
            Map<String, String> out = new java.util.LinkedHashMap<>();
            ids.forEach((k, v) -> out.put(k, v.value()));
            ctx.status(201).json(Map.of("ids", out));
        });
    }

    private void dag(Context ctx) {
        JobId root = id(ctx);
        List<JobRecord> all = jobs.dag(root);
        List<Map<String, Object>> nodes = all.stream().map(Views::dagNode).toList();
        boolean done = all.stream().allMatch(r -> r.state().isTerminal());
        ctx.json(Map.of("root", root.value(), "complete", done, "jobs", nodes));
    }

    /**
     * A job's id cancels the job (its view answers); a job array's id every job of the array not yet
     * ended. The job is tried first, so a plain cancel costs no extra lookup; {@code cascade} means
     * nothing for an array (its jobs have no children) and is refused with one.
     */
    private void cancel(Context ctx) {
        JobId id = id(ctx);
        boolean cascade = Boolean.parseBoolean(ctx.queryParam("cascade"));
        try {
            ctx.json(Views.job(jobs.cancel(id, cascade)));
            return;
        } catch (io.jobgrid.api.NotFoundException notAJob) {
            if (cascade && !jobs.list(new JobQuery(null, null, null, null, null, 1, null, id)).isEmpty()) {
                throw new io.jobgrid.api.InvalidInputException("cascade", "cascade cancels a job's dependents, and "
                        + id + " is a job array, whose jobs have none: cancel it without cascade");
            }
            if (cascade) {
                throw notAJob;
            }
        }
        int cancelled;
        try {
            cancelled = jobs.cancelArray(id);
        } catch (io.jobgrid.api.NotFoundException e) {
            throw new io.jobgrid.api.NotFoundException("Job " + id + " does not exist, nor does a job array of that id");
        }
        ctx.json(Map.of("array", id.value(), "cancelled", cancelled));
    }

    private void submit(Context ctx) {
        SubmitRequest request = json.read(ctx.bodyAsBytes(), SubmitRequest.class);
        JobSpec spec = request.specOfEach();
        if (request.array() != null) {
            int count = request.array().checkedCount();
            io.jobgrid.api.JobArray made = jobs.submitArray(spec, count);
            ctx.status(201).json(Map.of("id", made.id().value(), "ids", made.ids().stream().map(JobId::value).toList()));
            return;
        }
        JobId id = jobs.submit(spec);
        ctx.status(201).json(Map.of("id", id.value(), "state", spec.initialState().name()));
    }

    private void list(Context ctx) {
        int limit = intParam(ctx, "limit", 100);
        String state = text(ctx, "state");
        String before = text(ctx, "before");
        String array = text(ctx, "array");
        List<JobRecord> found = jobs.list(new JobQuery(state == null ? null : JobState.parse("state", state),
                text(ctx, "node"), text(ctx, "name"), instant(ctx, "createdAfter"), instant(ctx, "createdBefore"),
                limit, before == null ? null : cursor("before", before), text(ctx, "schedule"),
                array == null ? null : cursor("array", array)));
        if (found.size() == limit) {
            // a full page: the next one starts below its last (oldest) id
            ctx.header("X-Jobgrid-Next", found.get(found.size() - 1).id().value());
        }
        ctx.json(found.stream().map(Views::job).toList());
    }

    /** A query parameter, or null when it is absent or blank. */
    private static String text(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null || text.isBlank() ? null : text;
    }

    private static Instant instant(Context ctx, String name) {
        String text = text(ctx, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, "
                    + "but was '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }

    private static JobId cursor(String field, String text) {
        try {
            return JobId.parse(text.trim());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, field + " must be a job id, " + e.getMessage().substring(
                    e.getMessage().indexOf("but was")));
        }
    }

    private void logs(Context ctx) throws IOException {
        JobId id = id(ctx);
        int attempt = intParam(ctx, "attempt", 0);
        long from = intParam(ctx, "from", 0);
        boolean follow = Boolean.parseBoolean(ctx.queryParam("follow"));
        JobLog.Stream stream = JobLog.Stream.parse(ctx.queryParam("stream"));
        JobLog first = jobs.logs(id, attempt, from, stream); // checks id and attempt before any byte is sent
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("X-Jobgrid-Attempt", Integer.toString(first.attempt()));
        if (!follow) {
            ctx.header("X-Jobgrid-Dropped-Bytes", Long.toString(first.dropped()));
            ctx.result(first.bytesFrom(from));
            return;
        }
        ctx.status(200);
        OutputStream out = ctx.res().getOutputStream();
        jobs.follow(id, attempt, from, stream, out);
    }

    static JobId id(Context ctx) {
        return JobId.parse(ctx.pathParam("id"));
    }

    static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number, but was '" + text + "'");
        }
    }
}
