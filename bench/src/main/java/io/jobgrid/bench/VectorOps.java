package io.jobgrid.bench;

import io.jobgrid.client.VectorClient;
import io.jobgrid.client.VectorCreate;
import io.jobgrid.vectors.Kernels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One size of the vector benchmark: each operation on the grid and on local arrays, best of N.
 * Grid and baseline runs alternate (grid, local, grid, local, ...), so a burst of load from
 * elsewhere on this shared machine hits both sides alike rather than one whole series.
 */
final class VectorOps {
    /** An operation on 100M elements takes seconds; on a loaded shared machine, far more. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final VectorClient vectors;
    private final int repeat;
    private final NodeCpu cpu;

    VectorOps(VectorClient vectors, int repeat, NodeCpu cpu) {
        this.vectors = vectors;
        this.repeat = repeat;
        this.cpu = cpu;
    }

    List<Map<String, Object>> measure(int size) throws Exception {
        List<Map<String, Object>> ops = new ArrayList<>();
        double[] x = new double[size];
        VectorsBench.randomInit().fillInto(x, 0);
        double[][] local = new double[1][];

        ops.add(pair("create", size,
                () -> deleteQuietly("y"),
                () -> vectors.create(VectorCreate.fill("y", size, 1.5), PATIENCE),
                () -> local[0] = null,
                () -> {
                    local[0] = new double[size];
                    Arrays.fill(local[0], 1.5);
                }));
        deleteQuietly("x");
        vectors.create(VectorCreate.random("x", size, 1), PATIENCE);
        double[] y = local[0];

        ops.add(pair("add", size, () -> vectors.add("y", 2, PATIENCE), () -> Kernels.add(y, 0, size, 2)));
        ops.add(pair("axpy", size, () -> vectors.axpy("y", 0.5, "x", PATIENCE),
                () -> Kernels.axpy(y, 0.5, x, 0, size)));
        double[] results = new double[4];
        ops.add(pair("sum", size, () -> results[0] = vectors.reduce("y", "sum", PATIENCE),
                () -> results[1] = Kernels.sum(y, 0, size)));
        ops.add(pair("dot", size, () -> results[2] = vectors.dot("y", "x", PATIENCE),
                () -> results[3] = Kernels.dot(y, x, 0, size)));
        check("sum", size, results[0], results[1]);
        check("dot", size, results[2], results[3]);
        ops.addAll(new ExpressionOps(vectors, this, PATIENCE).measure(size, y, x));
        deleteQuietly("x");
        deleteQuietly("y");
        // Last: the ceilings change y, which the checks above compared with the grid's.
        try (Ceilings ceilings = new Ceilings(this)) {
            ops.addAll(ceilings.reductions(y, x));
            ops.add(ceilings.assign(y, x));
            ops.add(ceilings.add(y));
            ops.add(ceilings.axpy(y, x));
        }
        return ops;
    }

    /** Builds and drops vectors of {@code size} on the grid and locally, so later runs reuse touched memory. */
    void touch(int size) throws Exception {
        for (String name : new String[] {"y", "x", "z"}) {
            deleteQuietly(name);
            vectors.create(VectorCreate.fill(name, size, 1.0), PATIENCE);
        }
        double[][] local = {new double[size], new double[size], new double[size]};
        for (double[] a : local) {
            Arrays.fill(a, 1.0);
        }
        for (String name : new String[] {"y", "x", "z"}) {
            deleteQuietly(name);
        }
    }

    void deleteQuietly(String name) {
        try {
            vectors.delete(name);
        } catch (Exception ignored) {
            // Not there: fine.
        }
    }

    /** Grid and baseline ran the same updates the same number of times, so results must agree. */
    static void check(String op, int size, double grid, double local) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(local));
        if (Math.abs(grid - local) > tolerance) {
            throw new IllegalStateException(op + " of " + size + " elements: grid " + grid + " but local " + local);
        }
    }

    Map<String, Object> pair(String op, int size, Step grid, Step local) throws Exception {
        return pair(op, size, () -> { }, grid, () -> { }, local);
    }

    /** Best of {@code repeat} for each side, alternating; the set-up steps run untimed before each. */
    Map<String, Object> pair(String op, int size, Step gridSetup, Step grid, Step localSetup, Step local)
            throws Exception {
        long bestGrid = Long.MAX_VALUE;
        long bestLocal = Long.MAX_VALUE;
        Map<String, Long> gridCpu = new TreeMap<>();
        Instant started = Instant.now();
        for (int i = 0; i < repeat; i++) {
            gridSetup.run();
            Map<String, Long> before = cpu.snapshot();
            bestGrid = Math.min(bestGrid, timed(grid));
            Map<String, Long> after = cpu.snapshot();
            after.forEach((group, ns) -> gridCpu.merge(group, ns - before.getOrDefault(group, 0L), Long::sum));
            localSetup.run();
            bestLocal = Math.min(bestLocal, timed(local));
        }
        System.err.println("# nodes' CPU ms per " + op + " of " + size + " (runs from " + started + "): "
                + NodeCpu.difference(Map.of(), gridCpu, repeat));
        return entry(op, size, bestGrid / 1e9, bestLocal / 1e9);
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    static Map<String, Object> entry(String op, int size, double gridSeconds, double localSeconds) {
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
        System.err.println("# " + e);
        return e;
    }

    /** A timed step that may throw. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
