package io.jobgrid.vectors;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;

import java.util.Arrays;
import java.util.Map;

/** Copies elements [from, to) of one chunk (chunk-local offsets): only the slice travels. */
final class SliceChunk implements EntryProcessor<ChunkKey, Chunk, double[]>, ReadOnly {
    private static final long serialVersionUID = 1L;

    final long version;
    final int from;
    final int to;

    SliceChunk(long version, int from, int to) {
        this.version = version;
        this.from = from;
        this.to = to;
    }

    @Override
    public double[] process(Map.Entry<ChunkKey, Chunk> entry) {
        Chunk chunk = ReadChunk.checked(entry.getKey(), entry.getValue(), version);
        return Arrays.copyOfRange(chunk.values, from, to);
    }

    @Override
    public EntryProcessor<ChunkKey, Chunk, double[]> getBackupProcessor() {
        return null;
    }
}
