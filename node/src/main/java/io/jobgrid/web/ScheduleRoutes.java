package io.jobgrid.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jobgrid.api.Schedule;
import io.jobgrid.api.Schedules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/schedules}: recurring jobs. Parse, call {@link Schedules}, render. */
public final class ScheduleRoutes {
    private static final String BASE = "/api/v1/schedules";
    private static final int UPCOMING = 5;

    private ScheduleRoutes() {
    }

    public static void register(Javalin app, Schedules schedules) {
        RestMapper json = RestMapper.shared();
        app.post(BASE, ctx -> {
            Schedule created = schedules.create(json.read(ctx.bodyAsBytes(), ScheduleRequest.class).toSchedule());
            ctx.status(201).json(Map.of("id", created.id()));
        });
        app.get(BASE, ctx -> ctx.json(schedules.list().stream().map(ScheduleRoutes::view).toList()));
        app.get(BASE + "/{id}", ctx -> ctx.json(detail(schedules.require(id(ctx)))));
        app.delete(BASE + "/{id}", ctx -> {
            schedules.delete(id(ctx));
            ctx.status(204);
        });
        app.post(BASE + "/{id}/pause", ctx -> ctx.json(view(schedules.pause(id(ctx)))));
        app.post(BASE + "/{id}/resume", ctx -> ctx.json(view(schedules.resume(id(ctx)))));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    static Map<String, Object> view(Schedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("cron", s.cron());
        m.put("every", s.every() == null ? null : s.every().toString());
        m.put("timezone", s.timezone().getId());
        m.put("job", Views.spec(s.job()));
        m.put("overlap", Schedule.text(s.overlap()));
        m.put("misfire", Schedule.text(s.misfire()));
        m.put("paused", s.paused());
        m.put("lastFireTime", time(s.lastFire()));
        m.put("lastJob", s.lastJob() == null ? null : s.lastJob().value());
        m.put("nextFireTime", s.paused() ? null : time(s.nextFireAfter(s.firedUntil())));
        return m;
    }

    /** The view with the next {@link #UPCOMING} fire times (none while paused), for a look at one schedule. */
    static Map<String, Object> detail(Schedule s) {
        Map<String, Object> m = view(s);
        List<String> next = new ArrayList<>();
        Instant at = s.paused() ? null : s.nextFireAfter(s.firedUntil());
        while (at != null && next.size() < UPCOMING) {
            next.add(at.toString());
            at = s.nextFireAfter(at);
        }
        m.put("nextFireTimes", next);
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
