package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.json.Json;
import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyStatus;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.FailedAction;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The stored form of a packet's content: one JSON document with the contract's snake_case field names. The
 * scalars that are filtered, sorted or changed by transitions (status, revision, priority, timestamps) live in
 * columns of their own and are not repeated here.
 */
final class PacketDocument {
    private PacketDocument() {
    }

    static String write(Packet packet) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source_agent", agent(packet.sourceAgent()));
        doc.put("target_agent", agent(packet.targetAgent()));
        doc.put("tags", packet.tags());
        doc.put("schema_id", packet.schemaId() == null ? null : packet.schemaId().toString());
        PacketContext context = packet.context();
        Map<String, Object> contextDoc = new LinkedHashMap<>();
        contextDoc.put("summary", context.summary());
        contextDoc.put("conversation_state", map(context.conversationState(), e -> object(
                "role", e.role().wireName(), "content", e.content(), "timestamp", e.timestamp(),
                "metadata", e.metadata())));
        contextDoc.put("artifacts", map(context.artifacts(), a -> object(
                "key", a.key(), "value", a.value(), "content_type", a.contentType())));
        contextDoc.put("custom", context.custom());
        doc.put("context", contextDoc);
        doc.put("decisions", map(packet.decisions(), d -> object(
                "id", d.id(), "decision", d.decision(), "rationale", d.rationale(), "alternatives", d.alternatives(),
                "decided_by", d.decidedBy(), "timestamp", d.timestamp())));
        Actions actions = packet.actions();
        doc.put("actions", object(
                "pending", map(actions.pending(), a -> object(
                        "id", a.id(), "description", a.description(), "assignee", a.assignee(),
                        "priority", a.priority() == null ? null : a.priority().wireName(),
                        "depends_on", a.dependsOn(), "deadline", a.deadline())),
                "completed", map(actions.completed(), a -> object(
                        "id", a.id(), "description", a.description(), "result", a.result(),
                        "completed_by", a.completedBy(), "completed_at", a.completedAt())),
                "failed", map(actions.failed(), a -> object(
                        "id", a.id(), "description", a.description(), "error", a.error(),
                        "retries_remaining", a.retriesRemaining()))));
        doc.put("dependencies", map(packet.dependencies(), d -> object(
                "id", d.id(), "type", d.type().wireName(), "description", d.description(),
                "status", d.status().wireName(), "source", d.source())));
        doc.put("hitl", packet.hitl() == null ? null : hitl(packet.hitl()));
        return Json.write(doc);
    }

    /** The words full-text search looks at (http-api.md §9.4): summary, tags, conversation and decisions. */
    static String searchText(Packet packet) {
        List<String> parts = new ArrayList<>();
        parts.add(packet.context().summary());
        parts.addAll(packet.tags());
        packet.context().conversationState().forEach(e -> parts.add(e.content()));
        packet.decisions().forEach(d -> parts.add(d.decision()));
        return String.join("\n", parts);
    }

    static Packet read(PacketRow row) {
        Map<String, Object> doc = object(Json.parse(row.body(), Integer.MAX_VALUE));
        Map<String, Object> context = object(doc.get("context"));
        Map<String, Object> actions = object(doc.get("actions"));
        String schemaId = (String) doc.get("schema_id");
        PacketContext packetContext = new PacketContext((String) context.get("summary"),
                list(context.get("conversation_state"), e -> new ConversationEntry(
                        ConversationRole.fromWire(text(e, "role")).orElseThrow(), text(e, "content"),
                        text(e, "timestamp"), nullableObject(e.get("metadata")))),
                list(context.get("artifacts"), a -> new Artifact(text(a, "key"), a.get("value"),
                        text(a, "content_type"))),
                object(context.get("custom")));
        Actions packetActions = new Actions(
                list(actions.get("pending"), a -> new PendingAction(text(a, "id"), text(a, "description"),
                        text(a, "assignee"), a.get("priority") == null ? null
                        : Priority.fromWire(text(a, "priority")).orElseThrow(),
                        strings(a.get("depends_on")), text(a, "deadline"))),
                list(actions.get("completed"), a -> new CompletedAction(text(a, "id"), text(a, "description"),
                        text(a, "result"), text(a, "completed_by"), text(a, "completed_at"))),
                list(actions.get("failed"), a -> new FailedAction(text(a, "id"), text(a, "description"),
                        text(a, "error"), integer(a.get("retries_remaining")))));
        return new Packet(
                new PacketId(UUID.fromString(row.id())),
                new TenantId(row.tenantId()),
                row.revision(),
                row.parentId() == null ? null : new PacketId(UUID.fromString(row.parentId())),
                schemaId == null ? null : new SchemaId(UUID.fromString(schemaId)),
                PacketStatus.fromWire(row.status()).orElseThrow(),
                agentInfo(object(doc.get("source_agent"))),
                agentInfo(object(doc.get("target_agent"))),
                priority(row.priorityRank()),
                strings(doc.get("tags")),
                packetContext,
                list(doc.get("decisions"), d -> new Decision(text(d, "id"), text(d, "decision"),
                        text(d, "rationale"), strings(d.get("alternatives")), text(d, "decided_by"),
                        text(d, "timestamp"))),
                packetActions,
                list(doc.get("dependencies"), d -> new Dependency(text(d, "id"),
                        DependencyType.fromWire(text(d, "type")).orElseThrow(), text(d, "description"),
                        DependencyStatus.fromWire(text(d, "status")).orElseThrow(), text(d, "source"))),
                doc.get("hitl") == null ? null : hitl(object(doc.get("hitl"))),
                row.chainDepth(),
                Micros.toInstant(row.createdAt()),
                Micros.toInstant(row.updatedAt()),
                Micros.toInstant(row.claimedAt()),
                Micros.toInstant(row.completedAt()),
                Micros.toInstant(row.statusChangedAt()));
    }

    static Priority priority(int rank) {
        for (Priority p : Priority.values()) {
            if (p.rank() == rank) {
                return p;
            }
        }
        throw new IllegalStateException("no priority of rank " + rank);
    }

    private static Map<String, Object> agent(AgentInfo agent) {
        return object("id", agent.id(), "name", agent.name(), "framework", agent.framework(),
                "version", agent.version());
    }

    private static AgentInfo agentInfo(Map<String, Object> doc) {
        return new AgentInfo(text(doc, "id"), text(doc, "name"), text(doc, "framework"), text(doc, "version"));
    }

    private static Map<String, Object> hitl(HitlCheckpoint h) {
        return object("required", h.required(), "reason", h.reason(), "question", h.question(),
                "options", h.options(), "timeout_seconds", h.timeoutSeconds(), "response", h.response(),
                "responded_at", Timestamps.format(h.respondedAt()), "responded_by", h.respondedBy(),
                "notes", h.notes());
    }

    private static HitlCheckpoint hitl(Map<String, Object> doc) {
        String respondedAt = text(doc, "responded_at");
        return new HitlCheckpoint((Boolean) doc.get("required"), text(doc, "reason"), text(doc, "question"),
                doc.get("options") == null ? null : strings(doc.get("options")), integer(doc.get("timeout_seconds")),
                text(doc, "response"), respondedAt == null ? null : Timestamps.parse(respondedAt).orElseThrow(),
                text(doc, "responded_by"), text(doc, "notes"));
    }

    /** An insertion-ordered object from alternating keys and values; values may be null. */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> nullableObject(Object value) {
        return value == null ? null : object(value);
    }

    private static <T> List<Object> map(List<T> items, Function<T, Object> toDoc) {
        List<Object> docs = new ArrayList<>(items.size());
        items.forEach(item -> docs.add(toDoc.apply(item)));
        return docs;
    }

    private static <T> List<T> list(Object docs, Function<Map<String, Object>, T> fromDoc) {
        List<T> items = new ArrayList<>();
        for (Object doc : (List<?>) docs) {
            items.add(fromDoc.apply(object(doc)));
        }
        return items;
    }

    private static List<String> strings(Object value) {
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
            items.add((String) item);
        }
        return items;
    }

    private static String text(Map<String, Object> doc, String key) {
        return (String) doc.get(key);
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
