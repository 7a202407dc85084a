package io.jobgrid.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jobgrid.api.ConcurrencyLimit;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.Limits;
import io.jobgrid.api.NotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/limits}: cluster-wide concurrency limits per key. Parse, call {@link Limits}, render. */
public final class LimitRoutes {
    private static final String BASE = "/api/v1/limits";

    private LimitRoutes() {
    }

    /** The body of {@code PUT /api/v1/limits/{key}}; a long, so that a huge number is refused by its range. */
    record LimitRequest(Long max) {
        int checkedMax() {
            if (max == null) {
                throw new InvalidInputException("max", "max is required: the most jobs of the key that may run at once");
            }
            if (max < 0 || max > Limits.MAX_LIMIT) {
                throw new InvalidInputException("max", "max must be between 0 and " + Limits.MAX_LIMIT + ", but was "
                        + max);
            }
            return max.intValue();
        }
    }

    public static void register(Javalin app, Limits limits) {
        RestMapper json = RestMapper.shared();
        app.get(BASE, ctx -> ctx.json(limits.list().stream().map(LimitRoutes::view).toList()));
        app.get(BASE + "/{key}", ctx -> ctx.json(view(limits.get(key(ctx))
                .orElseThrow(() -> new NotFoundException("concurrency key " + key(ctx) + " has no limit")))));
        app.put(BASE + "/{key}", ctx -> {
            String key = key(ctx);
            int max = json.read(ctx.bodyAsBytes(), LimitRequest.class).checkedMax();
            ctx.json(view(limits.set(key, max)));
        });
        app.delete(BASE + "/{key}", ctx -> {
            if (!limits.delete(key(ctx))) {
                throw new NotFoundException("concurrency key " + key(ctx) + " has no limit");
            }
            ctx.status(204);
        });
    }

    private static String key(Context ctx) {
        return io.jobgrid.api.JobSpec.checkConcurrencyKey("key", ctx.pathParam("key"));
    }

    static Map<String, Object> view(ConcurrencyLimit l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", l.key());
        m.put("max", l.max());
        m.put("running", l.running());
        m.put("waiting", l.waiting());
        return m;
    }
}
