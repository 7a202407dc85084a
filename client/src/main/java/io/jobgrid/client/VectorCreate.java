package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/vectors}: {@code {"name":"v","size":N,"init":"fill","value":1.5}}.
 * Built with the factories, which set exactly the fields each {@code init} takes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VectorCreate(String name, long size, String init, Double value, Double start, Double step, Long seed) {
    public VectorCreate {
        if (name == null || name.isBlank() || size < 0) {
            throw new IllegalArgumentException("a vector needs a name and a size >= 0, but was '" + name + "', " + size);
        }
    }

    public static VectorCreate zeros(String name, long size) {
        return new VectorCreate(name, size, "zeros", null, null, null, null);
    }

    public static VectorCreate fill(String name, long size, double value) {
        return new VectorCreate(name, size, "fill", value, null, null, null);
    }

    public static VectorCreate range(String name, long size, double start, double step) {
        return new VectorCreate(name, size, "range", null, start, step, null);
    }

    public static VectorCreate random(String name, long size, long seed) {
        return new VectorCreate(name, size, "random", null, null, null, seed);
    }
}
