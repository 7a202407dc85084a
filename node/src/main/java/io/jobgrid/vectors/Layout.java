package io.jobgrid.vectors;

/**
 * How a vector is cut into chunks. The chunk size is one constant for every vector, so chunk
 * {@code i} of two vectors of the same size covers the same elements and lives in the same
 * partition (see {@link ChunkKey}): axpy, mul and dot never move a chunk.
 */
final class Layout {
    /**
     * 64k doubles = 512 KiB. Measured on 3 members with 100M doubles (see package-info): large
     * enough that per-chunk overhead is below 2%, small enough that the ~1500 chunks of a 100M
     * vector spread evenly over 271 partitions and the partition threads.
     */
    static final int CHUNK_SIZE = Integer.getInteger("jobgrid.vector.chunk-size", 1 << 16);

    private Layout() {
    }

    static int chunkCount(long size) {
        return Math.toIntExact((size + CHUNK_SIZE - 1) / CHUNK_SIZE);
    }

    static int chunkLength(long size, int index) {
        long offset = (long) index * CHUNK_SIZE;
        return (int) Math.min(CHUNK_SIZE, size - offset);
    }

    static long offset(int index) {
        return (long) index * CHUNK_SIZE;
    }
}
