package io.jobgrid.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.jobgrid.history.Json;

import java.io.IOException;

/**
 * Hazelcast serializer that stores a value as JSON bytes: compact enough, far faster than Java
 * serialization, and readable by a persistent store without another format.
 */
public final class JsonStreamSerializer<T> implements StreamSerializer<T> {
    private static final ObjectMapper MAPPER = Json.storageMapper();
    private final Class<T> type;
    private final int typeId;

    public JsonStreamSerializer(Class<T> type, int typeId) {
        this.type = type;
        this.typeId = typeId;
    }

    @Override
    public void write(ObjectDataOutput out, T value) throws IOException {
        out.writeByteArray(MAPPER.writeValueAsBytes(value));
    }

    @Override
    public T read(ObjectDataInput in) throws IOException {
        return MAPPER.readValue(in.readByteArray(), type);
    }

    @Override
    public int getTypeId() {
        return typeId;
    }
}
