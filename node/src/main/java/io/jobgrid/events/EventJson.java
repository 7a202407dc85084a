package io.jobgrid.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import io.jobgrid.api.JobRecord;
import io.jobgrid.grid.GridNames;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders events as the one-line JSON the stream carries; field names are part of the REST contract. */
final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /**
     * A job event: what happened ({@code kind}), the job's state after it, and who reported it.
     * Written with Jackson's streaming generator, not through a map: this runs for every state
     * change of every job, and the map and data binding were 16% of the runner threads' samples
     * (JFR, {@code bin/bench shell-throughput}).
     */
    static String job(String kind, JobRecord job, String reporter, Instant at) {
        StringWriter text = new StringWriter(192);
        try (JsonGenerator g = JSON.getFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("type", "job");
            g.writeStringField("event", kind);
            g.writeStringField("id", job.id().value());
            g.writeStringField("name", job.name());
            g.writeStringField("state", job.state().name());
            g.writeNumberField("attempt", job.attempt());
            g.writeStringField("node", job.node());
            g.writeFieldName("exitCode");
            if (job.exitCode() == null) {
                g.writeNull();
            } else {
                g.writeNumber(job.exitCode());
            }
            g.writeStringField("error", job.error());
            g.writeStringField("at", at.toString());
            g.writeStringField("reportedBy", reporter);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the event of job " + job.id(), e);
        }
        return text.toString();
    }

    static String member(String kind, Member member, int size, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "member");
        m.put("event", kind);
        m.put("name", member.getAttribute(GridNames.MEMBER_NAME));
        m.put("id", member.getUuid().toString());
        m.put("address", member.getAddress().toString());
        m.put("members", size);
        m.put("at", at.toString());
        return write(m);
    }

    static String hello(String node, List<Member> members, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hello");
        m.put("node", node);
        m.put("members", members.stream().map(x -> x.getAttribute(GridNames.MEMBER_NAME)).toList());
        m.put("at", at.toString());
        return write(m);
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render event " + m.get("type"), e);
        }
    }
}
