package io.jobgrid.vectors;

import java.io.Serializable;

/**
 * A slice of a vector, stored in OBJECT in-memory format and updated in place by entry
 * processors on its partition thread: the hot loops touch this array directly, never a copy.
 *
 * <p>{@code version} is the number of in-place updates applied to this chunk. An update carries
 * the version it expects and the one it produces, so a retried update (a primary died after
 * applying it, Hazelcast re-sends the operation to the promoted backup) sees the chunk already at
 * the target and skips it: no update applies twice.
 */
public final class Chunk implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] values;
    long version;

    Chunk(double[] values, long version) {
        this.values = values;
        this.version = version;
    }

    public long version() {
        return version;
    }

    public int length() {
        return values.length;
    }
}
