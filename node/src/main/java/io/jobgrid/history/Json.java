package io.jobgrid.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jobgrid.api.JobId;

import java.io.IOException;

/**
 * The JSON mapper for records stored in the grid (and, later, on disk). Lenient about unknown
 * fields so that a newer member's records stay readable by an older one during a rolling upgrade.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper storageMapper() {
        SimpleModule ids = new SimpleModule("jobgrid-ids")
                .addSerializer(JobId.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(JobId id, JsonGenerator gen, SerializerProvider p) throws IOException {
                        gen.writeString(id.value());
                    }
                })
                .addDeserializer(JobId.class, new JsonDeserializer<>() {
                    @Override
                    public JobId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                        return new JobId(p.getValueAsString());
                    }
                });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(ids)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // times as epoch milliseconds: parsing ISO text was a visible share of each update
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
