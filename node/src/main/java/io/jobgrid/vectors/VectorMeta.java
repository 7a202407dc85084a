package io.jobgrid.vectors;

import io.jobgrid.api.VectorInfo;

import java.io.Serializable;

/**
 * A vector's metadata, the truth about it: size, the version every chunk is at, and the update in
 * progress if any. Changed only by compare-and-set, so two updates never interleave.
 */
public record VectorMeta(String name, long size, long version, Pending pending) implements Serializable {

    VectorMeta withPending(Pending next) {
        return new VectorMeta(name, size, version, next);
    }

    /** The update finished: every chunk is at {@code pending.to}. */
    VectorMeta committed() {
        return new VectorMeta(name, size, pending.to(), null);
    }

    /**
     * A new vector that an assignment ({@code c = ...}) is still computing: it exists for the
     * journal (no second {@code c = ...} may start) but not for its users until complete.
     */
    boolean creating() {
        return pending != null && pending.update().kind() == Update.Kind.EVAL && pending.from() == pending.to();
    }

    VectorInfo info() {
        String state = pending == null ? "ready"
                : (pending.interrupted() ? "interrupted: " : "running: ") + pending.update().describe();
        return new VectorInfo(name, size, Layout.CHUNK_SIZE, Layout.chunkCount(size), version, state);
    }
}
