package dev.handoffrail.core.packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The packet as the domain's own JSON documents carry it, as plain JSON values: the full packet of a webhook body
 * (http-api.md §18.1 embeds the §7.2 packet, links included, so receivers can follow them), the document whose
 * size is charged against {@code max_packet_size} (§5.5), the metadata of events (§17.3), the context schemas
 * validate (§12) and the agents of error members. Insertion-ordered maps in the contract's key order, every
 * documented field present ({@code null} when absent), timestamps formatted by {@link Timestamps#format}.
 * Write-only: stores keep their own formats and the HTTP adapter writes its own responses. Stateless.
 */
public final class PacketRepresentation {
    private static final String PACKETS_PATH = "/api/v1/packets/";

    private PacketRepresentation() {
    }

    public static Map<String, Object> toJson(Packet packet) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", packet.id().toString());
        json.put("version", Packet.FORMAT_VERSION);
        json.put("parent_packet_id", packet.parentId() == null ? null : packet.parentId().toString());
        json.put("schema_id", packet.schemaId() == null ? null : packet.schemaId().toString());
        json.put("status", packet.status().wireName());
        json.put("metadata", metadataJson(packet));
        json.put("context", contextJson(packet.context()));
        json.put("decisions", list(packet.decisions(), PacketRepresentation::decisionJson));
        json.put("actions", actionsJson(packet.actions()));
        json.put("dependencies", list(packet.dependencies(), PacketRepresentation::dependencyJson));
        json.put("hitl", packet.hitl() == null ? null : hitlJson(packet.hitl()));
        json.put("created_at", Timestamps.format(packet.createdAt()));
        json.put("updated_at", Timestamps.format(packet.updatedAt()));
        String self = PACKETS_PATH + packet.id();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("claim", self + "/claim");
        links.put("history", self + "/history");
        json.put("_links", Collections.unmodifiableMap(links));
        return Collections.unmodifiableMap(json);
    }

    /** The {@code metadata} object: agents, the three metadata timestamps, priority and tags. */
    public static Map<String, Object> metadataJson(Packet packet) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source_agent", sourceAgentJson(packet.sourceAgent()));
        json.put("target_agent", targetAgentJson(packet.targetAgent()));
        json.put("created_at", Timestamps.format(packet.createdAt()));
        json.put("claimed_at", Timestamps.format(packet.claimedAt()));
        json.put("completed_at", Timestamps.format(packet.completedAt()));
        json.put("priority", packet.priority().wireName());
        json.put("tags", packet.tags());
        return Collections.unmodifiableMap(json);
    }

    /** {@code {id, name, framework, version}}. */
    public static Map<String, Object> sourceAgentJson(AgentInfo agent) {
        Map<String, Object> json = new LinkedHashMap<>(targetAgentJson(agent));
        json.put("version", agent.version());
        return Collections.unmodifiableMap(json);
    }

    /** {@code {id, name, framework}}: target agents, claimants and {@code previous_target_agent}. */
    public static Map<String, Object> targetAgentJson(AgentInfo agent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", agent.id());
        json.put("name", agent.name());
        json.put("framework", agent.framework());
        return Collections.unmodifiableMap(json);
    }

    /** {@code {summary, conversation_state, artifacts, custom}}: what schemas validate and events carry. */
    public static Map<String, Object> contextJson(PacketContext context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", context.summary());
        json.put("conversation_state", list(context.conversationState(), entry -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("role", entry.role().wireName());
            e.put("content", entry.content());
            e.put("timestamp", entry.timestamp());
            e.put("metadata", entry.metadata());
            return e;
        }));
        json.put("artifacts", list(context.artifacts(), artifact -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", artifact.key());
            a.put("value", artifact.value());
            a.put("content_type", artifact.contentType());
            return a;
        }));
        json.put("custom", context.custom());
        return Collections.unmodifiableMap(json);
    }

    /** The checkpoint with its client-controlled and response fields. */
    public static Map<String, Object> hitlJson(HitlCheckpoint hitl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("required", hitl.required());
        json.put("reason", hitl.reason());
        json.put("question", hitl.question());
        json.put("options", hitl.options());
        json.put("timeout_seconds", hitl.timeoutSeconds());
        json.put("response", hitl.response());
        json.put("responded_at", Timestamps.format(hitl.respondedAt()));
        json.put("responded_by", hitl.respondedBy());
        json.put("notes", hitl.notes());
        return Collections.unmodifiableMap(json);
    }

    static Map<String, Object> decisionJson(Decision decision) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", decision.id());
        json.put("decision", decision.decision());
        json.put("rationale", decision.rationale());
        json.put("alternatives", decision.alternatives());
        json.put("decided_by", decision.decidedBy());
        json.put("timestamp", decision.timestamp());
        return json;
    }

    static Map<String, Object> actionsJson(Actions actions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pending", list(actions.pending(), action -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", action.id());
            a.put("description", action.description());
            a.put("assignee", action.assignee());
            a.put("priority", action.priority() == null ? null : action.priority().wireName());
            a.put("depends_on", action.dependsOn());
            a.put("deadline", action.deadline());
            return a;
        }));
        json.put("completed", list(actions.completed(), action -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", action.id());
            a.put("description", action.description());
            a.put("result", action.result());
            a.put("completed_by", action.completedBy());
            a.put("completed_at", action.completedAt());
            return a;
        }));
        json.put("failed", list(actions.failed(), action -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", action.id());
            a.put("description", action.description());
            a.put("error", action.error());
            a.put("retries_remaining", action.retriesRemaining());
            return a;
        }));
        return Collections.unmodifiableMap(json);
    }

    static Map<String, Object> dependencyJson(Dependency dependency) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", dependency.id());
        json.put("type", dependency.type().wireName());
        json.put("description", dependency.description());
        json.put("status", dependency.status().wireName());
        json.put("source", dependency.source());
        return json;
    }

    static <T> List<Object> list(List<T> items, Function<T, Map<String, Object>> toJson) {
        List<Object> json = new ArrayList<>(items.size());
        for (T item : items) {
            json.add(Collections.unmodifiableMap(toJson.apply(item)));
        }
        return Collections.unmodifiableList(json);
    }
}
