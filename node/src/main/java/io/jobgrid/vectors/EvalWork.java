package io.jobgrid.vectors;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every member needs to evaluate an expression on its chunks: the expression text (each
 * member compiles it, {@link #program()}), the vectors' size, each operand with the version its
 * chunks must be at, and for an assignment the version the target's chunks move from and to
 * ({@link #NEW} as {@code from}: the target is a new vector, whose chunks the assignment makes).
 */
record EvalWork(String source, long size, String[] operands, long[] versions, long from, long to)
        implements Serializable {
    /** The {@code from} of an assignment to a new vector: its chunks do not exist yet. */
    static final long NEW = -1;
    private static final int CACHED = 256;
    private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();

    /** The compiled expression, kept per text: the same expression run again is not compiled again. */
    Program program() {
        return compiled(source);
    }

    static Program compiled(String source) {
        Program program = PROGRAMS.get(source);
        if (program == null) {
            program = ExprCompiler.compile(source);
            if (PROGRAMS.size() >= CACHED) {
                PROGRAMS.clear();
            }
            PROGRAMS.put(source, program);
        }
        return program;
    }

    /**
     * The chunks of every operand for one chunk index, each checked to be at its version (a
     * reduction never mixes chunks from before and after an update), from this member's replica.
     */
    double[][] inputs(ChunkKey key, java.util.function.Function<ChunkKey, Chunk> stored) {
        double[][] inputs = new double[operands.length][];
        for (int k = 0; k < operands.length; k++) {
            ChunkKey operand = key.of(operands[k]);
            inputs[k] = ReadChunk.checked(operand, stored.apply(operand), versions[k]).values;
        }
        return inputs;
    }
}
