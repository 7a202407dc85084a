package io.jobgrid.vectors;

import io.jobgrid.api.InvalidInputException;

import java.util.List;

/**
 * A vector expression compiled ({@link ExprCompiler}) into a flat list of block operations over
 * slots: the operand vectors' chunks, numbers, temporaries and the result chunk. Evaluated one
 * chunk at a time, in blocks of {@link #BLOCK} elements: each operation is a tight loop over the
 * block ({@link BlockOps}; C2 vectorises the arithmetic ones), the temporaries' current blocks stay
 * in the L1/L2 cache, and every chunk is read from memory once, however many steps the expression
 * has. No temporary vector, no call per element.
 *
 * <p>Immutable and cheap to build, so each member compiles the expression text it is sent
 * instead of receiving a serialised program; the mutable state of one evaluation is its
 * {@link Frame}, one per thread.
 */
final class Program {
    /**
     * 1024 doubles: the elements every operation covers before the next one runs, so a dozen
     * temporaries' blocks (8 KiB each) stay in the L1/L2 cache.
     */
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
    /** The temporaries' slots. */
    private final int[] temps;
    private final int output;
    final int[] accumulators;
    final Scalar value;
    /** The generated loop ({@link FusedLoops}), made on the first run; null if none could be made. */
    private FusedLoop fused;
    private volatile boolean fusedMade;

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
        for (int s = 0; s < kinds.length; s++) {
            out = kinds[s] == OUTPUT ? s : out;
        }
        this.output = out;
        // The temporaries the code uses: some slots share one array (ExprCompiler.shareTemporaries).
        boolean[] used = new boolean[kinds.length];
        for (int pc = 0; pc < code.length; pc += WIDTH) {
            used[code[pc + 4]] |= kinds[code[pc + 4]] == TEMP && !BlockOps.reduction(code[pc]);
        }
        this.temps = java.util.stream.IntStream.range(0, kinds.length).filter(s -> used[s]).toArray();
    }

    boolean assignment() {
        return target != null;
    }

    /**
     * The working state of one thread's evaluation: slot arrays, temporaries, accumulators. Close
     * it when done, so its temporaries go back to the thread's {@link Scratch}.
     */
    Frame frame() {
        Frame frame = new Frame(kinds.length, accumulators.length, temps);
        for (int k = 0; k < accumulators.length; k++) {
            frame.acc[k] = BlockOps.identity(accumulators[k]);
        }
        return frame;
    }

    /**
     * Evaluates one chunk: {@code inputs[k]} is the chunk of {@code operands.get(k)}, {@code out}
     * the chunk written by an assignment (null for a value; it may be one of the inputs, for an
     * update in place). Reductions accumulate into the frame.
     *
     * <p>Runs the program's generated loop ({@link FusedLoops}) when it has one, else the block
     * loops: there every array is indexed at the same element (the chunks, the result and the
     * temporaries, as long as the chunk; a block of each is in the cache at a time), so each loop
     * is one index over all its arrays, which C2 can vectorise ({@link BlockOps}).
     */
    void run(Frame f, double[][] inputs, double[] out, int length) {
        FusedLoop loop = fused();
        slots(f, inputs, out);
        if (loop != null) {
            loop.run(f.arr, constants, f.acc, length);
        } else {
            blocks(f, length);
        }
    }

    /** The same, always through the block loops (to compare against the generated loop). */
    void runBlocks(Frame f, double[][] inputs, double[] out, int length) {
        slots(f, inputs, out);
        blocks(f, length);
    }

    /** This program's generated loop, made once (by whichever thread gets here first). */
    FusedLoop fused() {
        if (!fusedMade) {
            synchronized (this) {
                if (!fusedMade) {
                    fused = FusedLoops.of(source, kinds, code);
                    fusedMade = true;
                }
            }
        }
        return fused;
    }

    private void slots(Frame f, double[][] inputs, double[] out) {
        for (int s = 0; s < kinds.length; s++) {
            if (kinds[s] == INPUT) {
                f.arr[s] = inputs[inputOf[s]];
            }
        }
        if (output >= 0) {
            f.arr[output] = out;
        }
    }

    private void blocks(Frame f, int length) {
        f.temporaries(length);
        for (int from = 0; from < length; from += BLOCK) {
            int n = Math.min(BLOCK, length - from);
            for (int pc = 0; pc < code.length; pc += WIDTH) {
                int op = code[pc];
                if (BlockOps.reduction(op)) {
                    BlockOps.reduce(op, f.arr[code[pc + 1]], from, n, f.acc, code[pc + 5]);
                } else {
                    BlockOps.apply(op, f.arr, constants, code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4],
                            from, n);
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
        double[] acc = new double[accumulators.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = BlockOps.identity(accumulators[k]);
        }
        return new EvalPartial(acc, 0);
    }

    /** The value of the expression from the combined accumulators of vectors of {@code size}. */
    double value(double[] acc, long size) {
        return value.of(acc, size);
    }

    /** One thread's slots and accumulators; a number's slot holds no array. */
    static final class Frame implements AutoCloseable {
        final double[][] arr;
        final double[] acc;
        private final int[] temps;

        Frame(int slots, int accs, int[] temps) {
            arr = new double[slots][];
            acc = new double[accs];
            this.temps = temps;
        }

        /** Gives every temporary at least {@code length} elements. */
        void temporaries(int length) {
            for (int s : temps) {
                if (arr[s] == null || arr[s].length < length) {
                    Scratch.release(arr[s]);
                    arr[s] = Scratch.take(length);
                }
            }
        }

        EvalPartial partial(long chunks) {
            return new EvalPartial(acc.clone(), chunks);
        }

        /** Hands the temporaries back to this thread's scratch arrays. */
        @Override
        public void close() {
            for (int s : temps) {
                Scratch.release(arr[s]);
                arr[s] = null;
            }
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
