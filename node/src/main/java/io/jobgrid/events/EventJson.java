package io.jobgrid.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import io.jobgrid.api.JobRecord;
import io.jobgrid.grid.GridNames;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders events as the one-line JSON the stream carries; field names are part of the REST contract. */
final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** A job event: what happened ({@code kind}), the job's state after it, and who reported it. */
    static String job(String kind, JobRecord job, String reporter, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "job");
        m.put("event", kind);
        m.put("id", job.id().value());
        m.put("name", job.name());
        m.put("state", job.state().name());
        m.put("attempt", job.attempt());
        m.put("node", job.node());
        m.put("exitCode", job.exitCode());
        m.put("error", job.error());
        m.put("at", at.toString());
        m.put("reportedBy", reporter);
        return write(m);
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
