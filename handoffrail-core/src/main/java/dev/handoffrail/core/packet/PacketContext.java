package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** What the receiving agent needs to carry on: summary, conversation, artifacts and free-form custom data. */
public record PacketContext(String summary, List<ConversationEntry> conversationState, List<Artifact> artifacts,
                            Map<String, Object> custom) {
    public PacketContext {
        requireNonNull(summary, "summary");
        conversationState = List.copyOf(conversationState);
        artifacts = List.copyOf(artifacts);
        custom = JsonValues.immutableObject(custom);
    }

    public static PacketContext ofSummary(String summary) {
        return new PacketContext(summary, List.of(), List.of(), Map.of());
    }
}
