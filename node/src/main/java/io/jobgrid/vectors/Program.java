package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;

import java.util.List;

/**
 * A vector expression compiled ({@link ExprCompiler}) into a flat list of block operations over
 * slots: the operand vectors' chunks, constants, temporary blocks and the result chunk. Evaluated
 * one chunk at a time, in blocks of {@link #BLOCK} elements: each operation is a tight loop over
 * the block ({@link BlockOps}), the temporaries stay in the L1/L2 cache, and every chunk is read
 * from memory once, however many steps the expression has. No temporary vector, no call per
 * element.
 *
 * <p>Immutable and cheap to build, so each member compiles the expression text it is sent
 * instead of receiving a serialised program; the mutable state of one evaluation is its
 * {@link Frame}, one per thread.
 */
final class Program {
    /** 1024 doubles: 8 KiB per temporary, so a dozen of them stay in the L1/L2 cache. */
    static final int BLOCK = 1024;
    static final byte INPUT = 0;
    static final byte CONST = 1;
    static final byte TEMP = 2;
    static final byte OUTPUT = 3;
    /** Each instruction is op, x, y, z, destination slot, accumulator. */
    static final int WIDTH = 6;

    final String source;
    /** The vector assigned to, or null when the expression gives a value. */
    final String target;
    /** The vectors read, in the order of {@link #inputs}. */
    final List<String> operands;
    final List<Integer> operandColumns;
    private final byte[] kinds;
    private final int[] inputOf;
    private final double[] constants;
    private final int[] code;
    private final int[] moving;
    private final int output;
    final int[] accumulators;
    final Scalar value;

    Program(String source, String target, List<String> operands, List<Integer> operandColumns, byte[] kinds,
            int[] inputOf, double[] constants, int[] code, int[] accumulators, Scalar value) {
        this.source = source;
        this.target = target;
        this.operands = operands;
        this.operandColumns = operandColumns;
        this.kinds = kinds;
        this.inputOf = inputOf;
        this.constants = constants;
        this.code = code;
        this.accumulators = accumulators;
        this.value = value;
        int out = -1;
        int count = 0;
        for (int s = 0; s < kinds.length; s++) {
            out = kinds[s] == OUTPUT ? s : out;
            count += kinds[s] == INPUT || kinds[s] == OUTPUT ? 1 : 0;
        }
        this.output = out;
        this.moving = new int[count];
        for (int s = 0, m = 0; s < kinds.length; s++) {
            if (kinds[s] == INPUT || kinds[s] == OUTPUT) {
                moving[m++] = s;
            }
        }
    }

    boolean assignment() {
        return target != null;
    }

    /** The working state of one thread's evaluation: slot arrays, temporaries, accumulators. */
    Frame frame() {
        Frame frame = new Frame(kinds.length, accumulators.length);
        for (int s = 0; s < kinds.length; s++) {
            if (kinds[s] == CONST) {
                frame.arr[s] = new double[BLOCK];
                java.util.Arrays.fill(frame.arr[s], constants[s]);
            } else if (kinds[s] == TEMP) {
                frame.arr[s] = new double[BLOCK];
            }
        }
        for (int k = 0; k < accumulators.length; k++) {
            frame.acc[k] = BlockOps.identity(accumulators[k]);
        }
        return frame;
    }

    /**
     * Evaluates one chunk: {@code inputs[k]} is the chunk of {@code operands.get(k)}, {@code out}
     * the chunk written by an assignment (null for a value; it may be one of the inputs, for an
     * update in place). Reductions accumulate into the frame.
     */
    void run(Frame f, double[][] inputs, double[] out, int length) {
        for (int s = 0; s < kinds.length; s++) {
            if (kinds[s] == INPUT) {
                f.arr[s] = inputs[inputOf[s]];
            }
        }
        if (output >= 0) {
            f.arr[output] = out;
        }
        for (int from = 0; from < length; from += BLOCK) {
            int n = Math.min(BLOCK, length - from);
            for (int s : moving) {
                f.off[s] = from;
            }
            for (int pc = 0; pc < code.length; pc += WIDTH) {
                int op = code[pc];
                if (BlockOps.reduction(op)) {
                    BlockOps.reduce(op, f.arr[code[pc + 1]], f.off[code[pc + 1]], n, f.acc, code[pc + 5]);
                } else {
                    BlockOps.apply(op, f.arr, f.off, code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4], n);
                }
            }
        }
    }

    /** Two partial results over disjoint chunks, combined. */
    EvalPartial combine(EvalPartial a, EvalPartial b) {
        double[] acc = new double[accumulators.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = BlockOps.combine(accumulators[k], a.acc()[k], b.acc()[k]);
        }
        return new EvalPartial(acc, a.chunks() + b.chunks());
    }

    EvalPartial empty() {
        return new EvalPartial(frame().acc, 0);
    }

    /** The value of the expression from the combined accumulators of vectors of {@code size}. */
    double value(double[] acc, long size) {
        return value.of(acc, size);
    }

    /** One thread's slots and accumulators. */
    static final class Frame {
        final double[][] arr;
        final int[] off;
        final double[] acc;

        Frame(int slots, int accs) {
            arr = new double[slots][];
            off = new int[slots];
            acc = new double[accs];
        }

        EvalPartial partial(long chunks) {
            return new EvalPartial(acc.clone(), chunks);
        }
    }

    /** The scalar part of an expression, around its reductions: evaluated once, on the caller. */
    @FunctionalInterface
    interface Scalar {
        double of(double[] acc, long size);
    }

    /** A reduction that has no value over an empty vector. */
    static InvalidInputException empty(String source, int column, String function) {
        return ExprParser.error(source, column, function + " of an empty vector (size 0) has no value");
    }
}
