package io.jobgrid.vectors;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import io.jobgrid.grid.GridNames;

/** The map configuration the vectors need; the member bootstrap applies it (and enables Jet). */
public final class VectorGridConfig {
    private VectorGridConfig() {
    }

    /**
     * Chunks in OBJECT format: entry processors then work on the stored {@code double[]} itself, no
     * (de)serialisation per operation. Metadata stays BINARY: compare-and-set compares bytes. The
     * keys, chunks, processors and results get compact serializers ({@link VectorSerializers}).
     */
    public static Config apply(Config config, int backupCount) {
        config.addMapConfig(new MapConfig(GridNames.VECTOR_CHUNKS)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(backupCount)
                .setStatisticsEnabled(false)
                .setPerEntryStatsEnabled(false));
        config.addMapConfig(new MapConfig(GridNames.VECTORS)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setBackupCount(backupCount));
        config.addMapConfig(new MapConfig(GridNames.VECTOR_RESULTS)
                .setBackupCount(backupCount));
        VectorSerializers.register(config.getSerializationConfig());
        return config;
    }
}
