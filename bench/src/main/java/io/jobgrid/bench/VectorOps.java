package io.jobgrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.compute.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One size of the vector benchmark: each operation on the grid and on local arrays, best of N. */
final class VectorOps {
    private final Rest rest;
    private final int repeat;

    VectorOps(Rest rest, int repeat) {
        this.rest = rest;
        this.repeat = repeat;
    }

    List<Map<String, Object>> measure(int size) throws Exception {
        List<Map<String, Object>> ops = new ArrayList<>();
        double[][] local = new double[1][];
        double[] x = new double[size];
        VectorsBench.randomInit().fillInto(x, 0);

        double gridCreate = best(() -> {
            deleteQuietly("y");
            rest.post("", Map.of("name", "y", "size", size, "init", "fill", "value", 1.5));
        });
        double localCreate = best(() -> {
            local[0] = null;
            local[0] = new double[size];
            Arrays.fill(local[0], 1.5);
        });
        ops.add(entry("create", size, gridCreate, localCreate));
        deleteQuietly("x");
        rest.post("", Map.of("name", "x", "size", size, "init", "random", "seed", 1));
        double[] y = local[0];

        ops.add(entry("add", size, best(() -> rest.post("/y/add", Map.of("scalar", 2))),
                best(() -> Kernels.add(y, 0, size, 2))));
        ops.add(entry("axpy", size, best(() -> rest.post("/y/axpy", Map.of("a", 0.5, "x", "x"))),
                best(() -> Kernels.axpy(y, 0.5, x, 0, size))));
        double[] gridSum = new double[1];
        double[] localSum = new double[1];
        ops.add(entry("sum", size, best(() -> gridSum[0] = rest.get("/y/sum").get("value").asDouble()),
                best(() -> localSum[0] = Kernels.sum(y, 0, size))));
        double[] gridDot = new double[1];
        double[] localDot = new double[1];
        ops.add(entry("dot", size, best(() -> gridDot[0] = rest.get("/y/dot?with=x").get("value").asDouble()),
                best(() -> localDot[0] = Kernels.dot(y, x, 0, size))));
        check("sum", size, gridSum[0], localSum[0]);
        check("dot", size, gridDot[0], localDot[0]);
        deleteQuietly("x");
        deleteQuietly("y");
        return ops;
    }

    private void deleteQuietly(String name) {
        try {
            rest.delete(name);
        } catch (Exception ignored) {
            // Not there: fine.
        }
    }

    /** Grid and baseline ran the same updates the same number of times, so results must agree. */
    private static void check(String op, int size, double grid, double local) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(local));
        if (Math.abs(grid - local) > tolerance) {
            throw new IllegalStateException(op + " of " + size + " elements: grid " + grid + " but local " + local);
        }
    }

    private double best(Step step) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            step.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }

    private static Map<String, Object> entry(String op, int size, double gridSeconds, double localSeconds) {
        Map<String, Object> e = new LinkedHashMap<>();
        double grid = size / gridSeconds;
        double local = size / localSeconds;
        e.put("op", op);
        e.put("size", size);
        e.put("elems_per_s", Math.round(grid));
        e.put("baseline_elems_per_s", Math.round(local));
        e.put("ratio", Math.round(grid / local * 1000) / 1000.0);
        e.put("ms", Math.round(gridSeconds * 1e5) / 100.0);
        e.put("baseline_ms", Math.round(localSeconds * 1e5) / 100.0);
        System.out.println("# " + e);
        return e;
    }

    /** A timed step that may throw. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
