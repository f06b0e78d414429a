package dev.handoffrail.client.model;

import java.util.List;
import java.util.Map;

/** What the receiving agent needs to continue: a summary, the conversation, artifacts and free-form data. */
public record PacketContext(String summary, List<ConversationEntry> conversationState, List<Artifact> artifacts,
                            Map<String, Object> custom) {
    public PacketContext {
        summary = summary == null ? "" : summary;
        conversationState = Copies.list(conversationState);
        artifacts = Copies.list(artifacts);
        custom = Copies.map(custom);
    }

    /** A context with a summary only. */
    public static PacketContext of(String summary) {
        return new PacketContext(summary, List.of(), List.of(), Map.of());
    }
}
