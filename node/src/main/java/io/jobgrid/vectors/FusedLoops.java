package io.jobgrid.vectors;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Turns a compiled expression ({@link Program}) into one Java loop over the chunk, generated as
 * bytecode (ASM) and loaded as a hidden class: every element is read once, the whole expression is
 * computed in locals, and the result is stored or folded into the reductions' accumulators. This
 * is the loop one would write by hand for that expression, so C2 compiles it the same way: an
 * assignment's loop is vectorised where its operations allow, and a reduction keeps four
 * accumulators (elements {@code i, i+1, i+2, i+3}, like {@link Kernels#sum}) so that it is bound
 * by memory, not by the latency of one add.
 *
 * <p>Why not the block loops alone ({@link BlockOps}, one loop per operation over 1,024 elements):
 * measured on this 2-core machine, one thread over 32M elements in chunks,
 * {@code sum((y - x) * (y - x))} took 1.18-1.22 ns per element through the block loops and
 * 0.54-0.57 through one hand-written loop (and through this generated one). Each block pass over
 * L1-resident temporaries costs as much as streaming the operands from memory, and block sizes
 * from 128 to 65,536 or eight accumulators changed nothing.
 *
 * <p>Elementwise, each operation is {@link FusedOps}' one-element form of the block loop, so an
 * assignment gives the same bits either way. A reduction adds in a different order than the
 * block loops did (four lanes over the chunk instead of over each block), which moves a sum by
 * rounding only. If generating or loading a loop fails, the program keeps the block loops (and
 * logs why, once). {@code -Djobgrid.vector.fused=false} turns generation off.
 */
final class FusedLoops {
    /** Whether expressions run as generated loops (default) or through the block loops. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jobgrid.vector.fused", "true"));

    private static final Logger LOG = LoggerFactory.getLogger(FusedLoops.class);
    private static final String OPS = "io/jobgrid/vectors/FusedOps";
    private static final String LOOP = "io/jobgrid/vectors/FusedLoop";
    private static final String RUN = "(" + "[[D" + "[D" + "[D" + "I" + ")V";
    private static final int LANES = 4;
    /** {@link FusedOps}' method for each elementwise operation, indexed by its code, ADD (0) to COPY. */
    private static final String[] NAMES = {"add", "sub", "mul", "div", "min", "max", "lt", "le", "gt", "ge", "eq",
        "ne", "neg", "abs", "sqrt", "exp", "log", "copy"};

    // Fixed locals of run(arr, con, acc, length): this, the three arrays, the length, the index.
    private static final int ARR = 1;
    private static final int CON = 2;
    private static final int ACC = 3;
    private static final int LENGTH = 4;
    private static final int I = 5;

    private final byte[] kinds;
    private final int[] code;
    private final boolean reduces;
    private int nextLocal = I + 1;
    private final int[] arrayLocal;
    private final int[] constLocal;
    /** Per reduction instruction (by its index in the code), the first of its {@link #LANES} lanes. */
    private final int[] laneLocal;

    private FusedLoops(byte[] kinds, int[] code) {
        this.kinds = kinds;
        this.code = code;
        boolean r = false;
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            r |= BlockOps.reduction(code[pc]);
        }
        this.reduces = r;
        this.arrayLocal = new int[kinds.length];
        this.constLocal = new int[kinds.length];
        this.laneLocal = new int[code.length / Program.WIDTH];
        Arrays.fill(arrayLocal, -1);
        Arrays.fill(constLocal, -1);
    }

    /**
     * HotSpot does not JIT-compile a method of over 8,000 bytes of bytecode ({@code HugeMethodLimit}):
     * a longer loop would stay interpreted, far slower than the block loops. Programs whose loop
     * could come near that keep the block loops.
     */
    static final int MAX_CODE_BYTES = 7_000;

    /** The program's loop, or null when generation is off, the loop would be too long, or it failed. */
    static FusedLoop of(String source, byte[] kinds, int[] code) {
        if (!ENABLED || codeBytesAtMost(kinds, code) > MAX_CODE_BYTES) {
            return null;
        }
        try {
            byte[] bytes = new FusedLoops(kinds, code).generate();
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (FusedLoop) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            if (e instanceof Error && !(e instanceof LinkageError)) {
                throw (Error) e;
            }
            LOG.warn("the vector expression {} runs through the block loops: its loop could not be generated",
                    source, e);
            return null;
        }
    }

    /**
     * An upper bound of the loop method's bytecode: every local access counted as a wide one
     * (4 bytes), every constant as an {@code ldc_w} (3), per copy of the body (five with
     * reductions: four lanes and the remainder), plus the prologue and the epilogue.
     */
    static int codeBytesAtMost(byte[] kinds, int[] code) {
        int body = 0;
        int reductions = 0;
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            if (BlockOps.reduction(code[pc])) {
                reductions++;
                body += 4 + 4 + 6 + 4;
            } else {
                body += 4 * BlockOps.reads(code[pc]) + 3 + 4;
            }
        }
        int arrays = 0;
        for (byte kind : kinds) {
            arrays += kind == Program.INPUT || kind == Program.OUTPUT ? 1 : 0;
        }
        // each operand's element read (aload, iload, ldc, iadd, daload, dstore), or the result's store
        body += arrays * (4 + 4 + 3 + 1 + 1 + 4);
        int copies = reductions > 0 ? LANES + 1 : 1;
        int loops = 2 * (4 + 3 + 1 + 4 + 3 + 6 + 3);
        // the prologue loads every array and number into a local (aload, ldc, xaload, xstore)
        return copies * body + loops + kinds.length * 12 + reductions * (LANES * 7 + 40) + 16;
    }

    private byte[] generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, "io/jobgrid/vectors/FusedLoopImpl", null,
                "java/lang/Object", new String[] {LOOP});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", RUN, null, null);
        mv.visitCode();
        prologue(mv);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, I);
        if (reduces) {
            // for (; i + 3 < length; i += 4) { lanes 0..3 }
            loop(mv, LANES);
        }
        loop(mv, 1);
        epilogue(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Loads every array and number the code uses into locals, and starts each lane at its identity. */
    private void prologue(MethodVisitor mv) {
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            int op = code[pc];
            int reads = BlockOps.reads(op);
            for (int f = 1; f <= reads; f++) {
                local(mv, code[pc + f]);
            }
            if (BlockOps.reduction(op)) {
                laneLocal[pc / Program.WIDTH] = nextLocal;
                for (int lane = 0; lane < LANES; lane++) {
                    mv.visitLdcInsn(BlockOps.identity(op));
                    mv.visitVarInsn(Opcodes.DSTORE, nextLocal);
                    nextLocal += 2;
                }
            } else {
                local(mv, code[pc + 4]);
            }
        }
    }

    private void local(MethodVisitor mv, int slot) {
        byte kind = kinds[slot];
        if ((kind == Program.INPUT || kind == Program.OUTPUT) && arrayLocal[slot] < 0) {
            mv.visitVarInsn(Opcodes.ALOAD, ARR);
            mv.visitLdcInsn(slot);
            mv.visitInsn(Opcodes.AALOAD);
            arrayLocal[slot] = nextLocal++;
            mv.visitVarInsn(Opcodes.ASTORE, arrayLocal[slot]);
        } else if (kind == Program.CONST && constLocal[slot] < 0) {
            mv.visitVarInsn(Opcodes.ALOAD, CON);
            mv.visitLdcInsn(slot);
            mv.visitInsn(Opcodes.DALOAD);
            constLocal[slot] = nextLocal;
            nextLocal += 2;
            mv.visitVarInsn(Opcodes.DSTORE, constLocal[slot]);
        }
    }

    /** {@code for (; i + (lanes - 1) < length; i += lanes) body(0..lanes-1)}. */
    private void loop(MethodVisitor mv, int lanes) {
        Label test = new Label();
        Label end = new Label();
        mv.visitLabel(test);
        mv.visitVarInsn(Opcodes.ILOAD, I);
        if (lanes > 1) {
            mv.visitLdcInsn(lanes - 1);
            mv.visitInsn(Opcodes.IADD);
        }
        mv.visitVarInsn(Opcodes.ILOAD, LENGTH);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        for (int lane = 0; lane < lanes; lane++) {
            body(mv, lane);
        }
        mv.visitIincInsn(I, lanes);
        mv.visitJumpInsn(Opcodes.GOTO, test);
        mv.visitLabel(end);
    }

    /** One element, {@code i + lane}: each instruction's value in a local, then the store or the folds. */
    private void body(MethodVisitor mv, int lane) {
        int[] current = new int[kinds.length];
        Arrays.fill(current, -1);
        for (int s = 0; s < kinds.length; s++) {
            current[s] = constLocal[s];
        }
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            int op = code[pc];
            if (BlockOps.reduction(op)) {
                fold(mv, op, value(mv, current, code[pc + 1], lane), laneLocal[pc / Program.WIDTH] + 2 * lane);
                continue;
            }
            int reads = BlockOps.reads(op);
            int[] values = new int[reads];
            for (int f = 0; f < reads; f++) {
                values[f] = value(mv, current, code[pc + 1 + f], lane);
            }
            for (int v : values) {
                mv.visitVarInsn(Opcodes.DLOAD, v);
            }
            String name = op == BlockOps.WHERE ? "where" : NAMES[op];
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, OPS, name, "(" + "D".repeat(reads) + ")D", false);
            int result = nextLocal;
            nextLocal += 2;
            mv.visitVarInsn(Opcodes.DSTORE, result);
            current[code[pc + 4]] = result;
        }
        for (int s = 0; s < kinds.length; s++) {
            if (kinds[s] == Program.OUTPUT && current[s] >= 0) {
                mv.visitVarInsn(Opcodes.ALOAD, arrayLocal[s]);
                index(mv, lane);
                mv.visitVarInsn(Opcodes.DLOAD, current[s]);
                mv.visitInsn(Opcodes.DASTORE);
            }
        }
    }

    /** The local holding the slot's element at {@code i + lane}; an operand's element is read once. */
    private int value(MethodVisitor mv, int[] current, int slot, int lane) {
        if (current[slot] >= 0) {
            return current[slot];
        }
        if (kinds[slot] != Program.INPUT) {
            throw new IllegalStateException("slot " + slot + " is read before it is written");
        }
        mv.visitVarInsn(Opcodes.ALOAD, arrayLocal[slot]);
        index(mv, lane);
        mv.visitInsn(Opcodes.DALOAD);
        int local = nextLocal;
        nextLocal += 2;
        mv.visitVarInsn(Opcodes.DSTORE, local);
        current[slot] = local;
        return local;
    }

    private static void index(MethodVisitor mv, int lane) {
        mv.visitVarInsn(Opcodes.ILOAD, I);
        if (lane > 0) {
            mv.visitLdcInsn(lane);
            mv.visitInsn(Opcodes.IADD);
        }
    }

    /** lane = lane + v (sum), + truth(v) (count), or min / max. */
    private static void fold(MethodVisitor mv, int op, int value, int lane) {
        mv.visitVarInsn(Opcodes.DLOAD, lane);
        mv.visitVarInsn(Opcodes.DLOAD, value);
        switch (op) {
            case BlockOps.RSUM -> mv.visitInsn(Opcodes.DADD);
            case BlockOps.RMIN -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(DD)D", false);
            case BlockOps.RMAX -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(DD)D", false);
            default -> {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, OPS, "truth", "(D)D", false);
                mv.visitInsn(Opcodes.DADD);
            }
        }
        mv.visitVarInsn(Opcodes.DSTORE, lane);
    }

    /** Folds the lanes, {@code (l0 op l1) op (l2 op l3)}, into {@code acc[k]} as BlockOps.combine does. */
    private void epilogue(MethodVisitor mv) {
        for (int pc = 0; pc < code.length; pc += Program.WIDTH) {
            int op = code[pc];
            if (!BlockOps.reduction(op)) {
                continue;
            }
            int first = laneLocal[pc / Program.WIDTH];
            int k = code[pc + 5];
            mv.visitVarInsn(Opcodes.ALOAD, ACC);
            mv.visitLdcInsn(k);
            mv.visitInsn(Opcodes.DUP2);
            mv.visitInsn(Opcodes.DALOAD);
            mv.visitVarInsn(Opcodes.DLOAD, first);
            mv.visitVarInsn(Opcodes.DLOAD, first + 2);
            combine(mv, op);
            mv.visitVarInsn(Opcodes.DLOAD, first + 4);
            mv.visitVarInsn(Opcodes.DLOAD, first + 6);
            combine(mv, op);
            combine(mv, op);
            combine(mv, op);
            mv.visitInsn(Opcodes.DASTORE);
        }
    }

    private static void combine(MethodVisitor mv, int op) {
        switch (op) {
            case BlockOps.RMIN -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(DD)D", false);
            case BlockOps.RMAX -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(DD)D", false);
            default -> mv.visitInsn(Opcodes.DADD);
        }
    }
}
