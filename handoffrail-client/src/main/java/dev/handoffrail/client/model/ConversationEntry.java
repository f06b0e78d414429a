package dev.handoffrail.client.model;

import java.util.Map;

/**
 * One turn of {@code context.conversation_state}: {@code role} is {@code user}, {@code agent}, {@code system} or
 * {@code human}; {@code timestamp} (RFC 3339) is returned exactly as sent; {@code metadata} is free-form.
 */
public record ConversationEntry(String role, String content, String timestamp, Map<String, Object> metadata) {
    public ConversationEntry {
        metadata = Copies.mapOrNull(metadata);
    }

    public static ConversationEntry of(String role, String content) {
        return new ConversationEntry(role, content, null, null);
    }
}
