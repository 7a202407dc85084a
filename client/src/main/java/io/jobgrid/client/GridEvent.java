package io.jobgrid.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An event of the cluster's stream ({@code GET /api/v1/events}), typed by its {@code "type"} field
 * exactly as the node writes it. Events of a type this client does not know are skipped by
 * {@link #parse}, so a newer node stays readable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = false)
@JsonSubTypes({
        @JsonSubTypes.Type(value = GridEvent.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = GridEvent.Job.class, name = "job"),
        @JsonSubTypes.Type(value = GridEvent.Member.class, name = "member"),
        @JsonSubTypes.Type(value = GridEvent.Dropped.class, name = "dropped")})
public sealed interface GridEvent permits GridEvent.Hello, GridEvent.Job, GridEvent.Member, GridEvent.Dropped {

    /** The typed event, or empty for a type (or data) this client cannot read. */
    static Optional<GridEvent> parse(ServerSentEvent event) {
        try {
            return Optional.of(Json.mapper().readValue(event.data(), GridEvent.class));
        } catch (JsonProcessingException unknown) {
            return Optional.empty();
        }
    }

    /** First on every stream: the node that serves it and the current members' names. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hello(String node, List<String> members, Instant at) implements GridEvent {
        public Hello {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /**
     * A job changed: {@code event} says what happened (e.g. {@code submitted}, {@code started},
     * {@code finished}), {@code state} is the job's state after it, {@code reportedBy} the member
     * that reported it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(String event, String id, String name, String state, int attempt, String node, Integer exitCode,
               String error, Instant at, String reportedBy) implements GridEvent {
        public Job {
            if (id == null) {
                throw new IllegalArgumentException("a job event names its job, but the id was missing");
            }
        }
    }

    /** A member joined or left; {@code members} is the cluster's size after it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(String event, String name, String id, String address, int members, Instant at)
            implements GridEvent {
    }

    /** {@code dropped} events were not delivered because this reader fell behind; re-read state from the API. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dropped(long dropped, long droppedTotal) implements GridEvent {
    }
}
