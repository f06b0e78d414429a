package dev.handoffrail.client.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input of a packet creation (http-api.md §7.1): {@code POST /packets}, a batch item, or a chain (where
 * {@code parentPacketId} is ignored). Build one with {@link #builder()}.
 */
public record NewPacket(String parentPacketId, String schemaId, PacketMetadata metadata, PacketContext context,
                        List<Decision> decisions, PacketActions actions, List<Dependency> dependencies,
                        HitlCheckpoint hitl) {
    public NewPacket {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(context, "context");
        decisions = Copies.list(decisions);
        dependencies = Copies.list(dependencies);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A mutable builder; {@code from}, {@code to} and {@code summary} are the minimum. Not thread-safe. */
    public static final class Builder {
        private String parentPacketId;
        private String schemaId;
        private AgentInfo source;
        private AgentInfo target;
        private Priority priority;
        private final List<String> tags = new ArrayList<>();
        private String summary = "";
        private final List<ConversationEntry> conversation = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();
        private final Map<String, Object> custom = new LinkedHashMap<>();
        private final List<Decision> decisions = new ArrayList<>();
        private PacketActions actions;
        private final List<Dependency> dependencies = new ArrayList<>();
        private HitlCheckpoint hitl;

        private Builder() {
        }

        public Builder from(String agentId, String agentName) {
            return from(AgentInfo.of(agentId, agentName));
        }

        public Builder from(AgentInfo agent) {
            this.source = agent;
            return this;
        }

        public Builder to(String agentId, String agentName) {
            return to(AgentInfo.of(agentId, agentName));
        }

        public Builder to(AgentInfo agent) {
            this.target = agent;
            return this;
        }

        public Builder priority(Priority value) {
            this.priority = value;
            return this;
        }

        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        public Builder message(String role, String content) {
            conversation.add(ConversationEntry.of(role, content));
            return this;
        }

        public Builder artifact(String key, Object value, String contentType) {
            artifacts.add(new Artifact(key, value, contentType));
            return this;
        }

        public Builder custom(String key, Object value) {
            custom.put(key, value);
            return this;
        }

        public Builder decision(Decision value) {
            decisions.add(value);
            return this;
        }

        public Builder actions(PacketActions value) {
            this.actions = value;
            return this;
        }

        public Builder dependency(Dependency value) {
            dependencies.add(value);
            return this;
        }

        public Builder hitl(HitlCheckpoint value) {
            this.hitl = value;
            return this;
        }

        public Builder parent(String packetId) {
            this.parentPacketId = packetId;
            return this;
        }

        public Builder schema(String id) {
            this.schemaId = id;
            return this;
        }

        /** The packet input; throws {@link IllegalStateException} without a source or target agent. */
        public NewPacket build() {
            if (source == null || target == null) {
                throw new IllegalStateException("a packet needs from(...) and to(...)");
            }
            return new NewPacket(parentPacketId, schemaId, PacketMetadata.of(source, target, priority, tags),
                    new PacketContext(summary, conversation, artifacts, custom), decisions, actions, dependencies,
                    hitl);
        }
    }
}
