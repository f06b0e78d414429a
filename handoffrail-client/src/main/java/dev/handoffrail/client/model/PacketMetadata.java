package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.List;

/**
 * Who hands off to whom, with priority and tags. The three timestamps are set by the server and ignored on input.
 */
public record PacketMetadata(AgentInfo sourceAgent, AgentInfo targetAgent, Instant createdAt, Instant claimedAt,
                             Instant completedAt, Priority priority, List<String> tags) {
    public PacketMetadata {
        tags = Copies.list(tags);
    }

    /** Input metadata: source, target, priority (null: normal) and tags. */
    public static PacketMetadata of(AgentInfo source, AgentInfo target, Priority priority, List<String> tags) {
        return new PacketMetadata(source, target, null, null, null, priority, tags);
    }
}
