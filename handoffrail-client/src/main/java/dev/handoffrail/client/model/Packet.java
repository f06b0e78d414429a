package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A handoff packet as the server returns it (http-api.md §7.2). Immutable. */
public record Packet(String id, String version, String parentPacketId, String schemaId, PacketStatus status,
                     PacketMetadata metadata, PacketContext context, List<Decision> decisions, PacketActions actions,
                     List<Dependency> dependencies, HitlCheckpoint hitl, Instant createdAt, Instant updatedAt,
                     @JsonProperty("_links") PacketLinks links) {
    public Packet {
        decisions = Copies.list(decisions);
        dependencies = Copies.list(dependencies);
    }

    /** {@code metadata.source_agent.id}. */
    public String sourceAgentId() {
        return metadata.sourceAgent().id();
    }

    /** {@code metadata.target_agent.id}: the addressed agent, or the claimant once claimed. */
    public String targetAgentId() {
        return metadata.targetAgent().id();
    }

    /** {@code context.summary}. */
    public String summary() {
        return context.summary();
    }
}
