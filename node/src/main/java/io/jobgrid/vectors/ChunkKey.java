package io.jobgrid.vectors;

import com.hazelcast.partition.PartitionAware;

import java.io.Serializable;

/**
 * The key of one chunk. Its partition depends on the vector's size and the chunk index only, not
 * on the name: chunk {@code i} of every vector of the same size lives in the same partition, so
 * binary operations (axpy, mul, dot) find the other operand's chunk on the same member, in the
 * same partition thread, primary and backup alike. Mixing in the size spreads vectors of
 * different sizes over different partitions.
 */
public record ChunkKey(String vector, long size, int index) implements PartitionAware<Long>, Serializable {

    @Override
    public Long getPartitionKey() {
        return size * 0x9E3779B1L + index;
    }

    /** The same chunk of another vector of the same size: same partition. */
    ChunkKey of(String otherVector) {
        return new ChunkKey(otherVector, size, index);
    }
}
