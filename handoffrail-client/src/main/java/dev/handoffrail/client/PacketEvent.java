package dev.handoffrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One real-time event, the event object of http-api.md §17.1: its {@code type} ({@code packet.created},
 * {@code packet.claimed}, ... {@code hitl.response_ready}, §17.3), the packet it concerns, its {@code data} as the
 * JSON it is (always with {@code status} and {@code metadata}, plus the type's extra members) and when it happened.
 */
public record PacketEvent(String type, String packetId, JsonNode data, Instant timestamp) {
    public PacketEvent {
        Objects.requireNonNull(type, "type");
        data = data == null ? MissingNode.getInstance() : data;
    }

    /** {@code data.status}: the packet's status after the event. */
    public String status() {
        return data.path("status").asText(null);
    }

    /** {@code data.previous_status}, present on transitions (null on creation into a status). */
    public Optional<String> previousStatus() {
        JsonNode previous = data.path("previous_status");
        return previous.isTextual() ? Optional.of(previous.asText()) : Optional.empty();
    }

    /** {@code data.metadata.source_agent.id}. */
    public String sourceAgentId() {
        return data.path("metadata").path("source_agent").path("id").asText(null);
    }

    /** {@code data.metadata.target_agent.id}. */
    public String targetAgentId() {
        return data.path("metadata").path("target_agent").path("id").asText(null);
    }
}
