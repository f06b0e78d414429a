package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One turn of the conversation being handed over. {@code timestamp} is kept exactly as the client sent it
 * (validated RFC 3339) or null; {@code metadata} is free-form JSON or null.
 */
public record ConversationEntry(ConversationRole role, String content, String timestamp,
                                Map<String, Object> metadata) {
    public ConversationEntry {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
        metadata = metadata == null ? null : JsonValues.immutableObject(metadata);
    }
}
