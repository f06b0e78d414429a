package dev.handoffrail.core.packet;

import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads {@link PacketRepresentation#toJson} output back into a {@link Packet}; each method mirrors one writer
 * there. Malformed input surfaces as {@link ClassCastException}, {@link NullPointerException} or
 * {@link IllegalArgumentException}, which {@link PacketRepresentation#fromJson} reports uniformly.
 */
record RepresentationReader(Map<String, Object> json) {
    Packet packet(TenantId tenant, long revision, int chainDepth, Instant statusChangedAt) {
        Map<String, Object> metadata = object(json, "metadata");
        Map<String, Object> actions = object(json, "actions");
        Object hitl = json.get("hitl");
        return new Packet(
                new PacketId(uuid(json, "id")),
                tenant,
                revision,
                json.get("parent_packet_id") == null ? null : new PacketId(uuid(json, "parent_packet_id")),
                json.get("schema_id") == null ? null : new SchemaId(uuid(json, "schema_id")),
                wire(PacketStatus.fromWire(string(json, "status"))),
                agent(object(metadata, "source_agent"), string(object(metadata, "source_agent"), "version")),
                agent(object(metadata, "target_agent"), null),
                wire(Priority.fromWire(string(metadata, "priority"))),
                strings(metadata.get("tags")),
                context(object(json, "context")),
                objects(json.get("decisions"), RepresentationReader::decision),
                new Actions(objects(actions.get("pending"), RepresentationReader::pending),
                        objects(actions.get("completed"), RepresentationReader::completed),
                        objects(actions.get("failed"), RepresentationReader::failed)),
                objects(json.get("dependencies"), RepresentationReader::dependency),
                hitl == null ? null : hitl(cast(hitl)),
                chainDepth,
                instant(json, "created_at"),
                instant(json, "updated_at"),
                instant(metadata, "claimed_at"),
                instant(metadata, "completed_at"),
                statusChangedAt);
    }

    static AgentInfo agent(Map<String, Object> json, String version) {
        return new AgentInfo(string(json, "id"), string(json, "name"), string(json, "framework"), version);
    }

    static PacketContext context(Map<String, Object> json) {
        return new PacketContext(string(json, "summary"),
                objects(json.get("conversation_state"), e -> new ConversationEntry(
                        wire(ConversationRole.fromWire(string(e, "role"))), string(e, "content"),
                        string(e, "timestamp"), e.get("metadata") == null ? null : object(e, "metadata"))),
                objects(json.get("artifacts"), a -> new Artifact(string(a, "key"), a.get("value"),
                        string(a, "content_type"))),
                object(json, "custom"));
    }

    static Decision decision(Map<String, Object> json) {
        return new Decision(string(json, "id"), string(json, "decision"), string(json, "rationale"),
                strings(json.get("alternatives")), string(json, "decided_by"), string(json, "timestamp"));
    }

    static PendingAction pending(Map<String, Object> json) {
        String priority = string(json, "priority");
        return new PendingAction(string(json, "id"), string(json, "description"), string(json, "assignee"),
                priority == null ? null : wire(Priority.fromWire(priority)), strings(json.get("depends_on")),
                string(json, "deadline"));
    }

    static CompletedAction completed(Map<String, Object> json) {
        return new CompletedAction(string(json, "id"), string(json, "description"), string(json, "result"),
                string(json, "completed_by"), string(json, "completed_at"));
    }

    static FailedAction failed(Map<String, Object> json) {
        Number retries = (Number) json.get("retries_remaining");
        return new FailedAction(string(json, "id"), string(json, "description"), string(json, "error"),
                retries == null ? null : retries.intValue());
    }

    static Dependency dependency(Map<String, Object> json) {
        return new Dependency(string(json, "id"), wire(DependencyType.fromWire(string(json, "type"))),
                string(json, "description"), wire(DependencyStatus.fromWire(string(json, "status"))),
                string(json, "source"));
    }

    static HitlCheckpoint hitl(Map<String, Object> json) {
        Number timeout = (Number) json.get("timeout_seconds");
        return new HitlCheckpoint((Boolean) json.get("required"), string(json, "reason"),
                string(json, "question"), json.get("options") == null ? null : strings(json.get("options")),
                timeout == null ? null : timeout.intValue(), string(json, "response"),
                instant(json, "responded_at"), string(json, "responded_by"), string(json, "notes"));
    }

    static <T> T wire(Optional<T> value) {
        return value.orElseThrow(() -> new IllegalArgumentException("unknown wire value"));
    }

    static String string(Map<String, Object> json, String key) {
        return (String) json.get(key);
    }

    static UUID uuid(Map<String, Object> json, String key) {
        return Uuids.parseCanonical(string(json, key))
                .orElseThrow(() -> new IllegalArgumentException(key + " is not a UUID"));
    }

    static Instant instant(Map<String, Object> json, String key) {
        String text = string(json, key);
        return text == null ? null : Timestamps.parse(text)
                .orElseThrow(() -> new IllegalArgumentException(key + " is not a timestamp"));
    }

    static Map<String, Object> object(Map<String, Object> json, String key) {
        return cast(json.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value, "missing object");
    }

    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        for (Object item : (List<?>) value) {
            result.add((String) item);
        }
        return result;
    }

    static <T> List<T> objects(Object value, Function<Map<String, Object>, T> read) {
        List<T> result = new ArrayList<>();
        for (Object item : (List<?>) value) {
            result.add(read.apply(cast(item)));
        }
        return result;
    }
}
