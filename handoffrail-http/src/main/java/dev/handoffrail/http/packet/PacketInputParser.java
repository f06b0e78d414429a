package dev.handoffrail.http.packet;

import dev.handoffrail.core.error.ValidationException;
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
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.http.route.JsonFields;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a packet input body (http-api.md §7.1) into a {@link PacketDraft}, or a PATCH body (§9.6) into a
 * {@link PacketPatch}. Each field's shape is read by {@link JsonFields} and checked against the core's
 * {@link PacketRules} as it is read, so every problem is reported in one {@link ValidationException}, in document
 * order. Unknown and server-controlled fields are ignored; free-form objects are kept verbatim. Stateless.
 */
public final class PacketInputParser {
    private PacketInputParser() {
    }

    /** A packet input body; throws {@link IllegalArgumentException} if {@code json} is not an object. */
    public static PacketDraft parseDraft(Object json) {
        JsonFields body = new JsonFields(requireObject(json));
        UUID parent = body.uuid("parent_packet_id");
        UUID schema = body.uuid("schema_id");
        JsonFields metadata = body.nestedOrNull("metadata", true);
        AgentInfo source = null;
        AgentInfo target = null;
        Priority priority = null;
        List<String> tags = null;
        if (metadata != null) {
            source = agent(metadata, "source_agent", true);
            target = agent(metadata, "target_agent", false);
            priority = metadata.choice("priority", false, Priority.values(), Priority::wireName);
            tags = metadata.strings("tags", PacketRules.TAGS, PacketRules.TAG);
        }
        PacketContext context = context(body.nestedOrNull("context", true));
        List<Decision> decisions = decisions(body);
        ActionSections sections = actionSections(body);
        List<Dependency> dependencies = body.objects("dependencies", PacketInputParser::dependency);
        HitlCheckpoint hitl = hitl(body.nestedOrNull("hitl", false));
        body.throwIfAny();
        Actions actions = new Actions(orEmpty(sections.pending), orEmpty(sections.completed),
                orEmpty(sections.failed));
        return new PacketDraft(parent == null ? null : new PacketId(parent),
                schema == null ? null : new SchemaId(schema), source, target, priority, tags, context, decisions,
                actions, dependencies, hitl);
    }

    /** A PATCH body: fields absent or null stay null in the patch. */
    public static PacketPatch parsePatch(Object json) {
        JsonFields body = new JsonFields(requireObject(json));
        PacketStatus status = body.choice("status", false, PacketStatus.values(), PacketStatus::wireName);
        PacketContext context = context(body.nestedOrNull("context", false));
        List<Decision> decisions = decisions(body);
        ActionSections actions = actionSections(body);
        List<Dependency> dependencies = body.objects("dependencies", PacketInputParser::dependency);
        HitlCheckpoint hitl = hitl(body.nestedOrNull("hitl", false));
        UUID schema = body.uuid("schema_id");
        body.throwIfAny();
        return new PacketPatch(status, context, decisions, actions.pending, actions.completed, actions.failed,
                dependencies, hitl, schema == null ? null : new SchemaId(schema));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requireObject(Object json) {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("a packet body must be a JSON object");
    }

    private static AgentInfo agent(JsonFields metadata, String key, boolean source) {
        JsonFields agent = metadata.nestedOrNull(key, true);
        if (agent == null) {
            return null;
        }
        String id = agent.string("id", true, PacketRules.ID);
        String name = agent.string("name", true, PacketRules.AGENT_NAME);
        String framework = agent.string("framework", false, PacketRules.FRAMEWORK);
        String version = source ? agent.string("version", false, PacketRules.VERSION) : null;
        return id == null || name == null ? null : new AgentInfo(id, name, framework, version);
    }

    private static PacketContext context(JsonFields context) {
        if (context == null) {
            return null;
        }
        int mark = context.errorCount();
        String summary = context.string("summary", true, PacketRules.SUMMARY);
        List<ConversationEntry> conversation = context.objects("conversation_state",
                PacketInputParser::conversationEntry);
        List<Artifact> artifacts = context.objects("artifacts", PacketInputParser::artifact);
        Map<String, Object> custom = context.object("custom");
        if (context.errorCount() != mark) {
            return null;
        }
        return new PacketContext(summary, orEmpty(conversation), orEmpty(artifacts), custom);
    }

    private static ConversationEntry conversationEntry(JsonFields entry) {
        int mark = entry.errorCount();
        ConversationRole role = entry.choice("role", true, ConversationRole.values(), ConversationRole::wireName);
        String content = entry.requiredString("content");
        String timestamp = entry.timestamp("timestamp");
        Map<String, Object> metadata = entry.object("metadata");
        return entry.errorCount() == mark ? new ConversationEntry(role, content, timestamp, metadata) : null;
    }

    private static Artifact artifact(JsonFields artifact) {
        int mark = artifact.errorCount();
        String key = artifact.string("key", true, PacketRules.ARTIFACT_KEY);
        Object value = artifact.value("value", true);
        PacketRules.artifactValue(artifact.errors(), artifact.path("value"), value);
        String contentType = artifact.string("content_type", false, PacketRules.CONTENT_TYPE);
        return artifact.errorCount() == mark ? new Artifact(key, value, contentType) : null;
    }

    private static List<Decision> decisions(JsonFields body) {
        Set<String> seen = new HashSet<>();
        return body.objects("decisions", decision -> decision(decision, seen));
    }

    private static Decision decision(JsonFields decision, Set<String> seenIds) {
        int mark = decision.errorCount();
        String id = decision.requiredString("id");
        PacketRules.decisionId(decision.errors(), decision.path("id"), id, seenIds);
        String text = decision.requiredString("decision");
        String rationale = decision.requiredString("rationale");
        List<String> alternatives = decision.strings("alternatives");
        String decidedBy = decision.string("decided_by");
        String timestamp = decision.timestamp("timestamp");
        return decision.errorCount() == mark
                ? new Decision(id, text, rationale, orEmpty(alternatives), decidedBy, timestamp) : null;
    }

    /** The sections of {@code actions} that were sent; all null when {@code actions} was not. */
    private static ActionSections actionSections(JsonFields body) {
        JsonFields actions = body.nestedOrNull("actions", false);
        if (actions == null) {
            return new ActionSections(null, null, null);
        }
        return new ActionSections(
                actions.objects("pending", PacketInputParser::pendingAction),
                actions.objects("completed", PacketInputParser::completedAction),
                actions.objects("failed", PacketInputParser::failedAction));
    }

    private static PendingAction pendingAction(JsonFields action) {
        int mark = action.errorCount();
        String id = action.string("id", true, PacketRules.ID);
        String description = action.requiredString("description");
        String assignee = action.requiredString("assignee");
        Priority priority = action.choice("priority", false, Priority.values(), Priority::wireName);
        List<String> dependsOn = action.strings("depends_on");
        String deadline = action.timestamp("deadline");
        return action.errorCount() == mark
                ? new PendingAction(id, description, assignee, priority, orEmpty(dependsOn), deadline) : null;
    }

    private static CompletedAction completedAction(JsonFields action) {
        int mark = action.errorCount();
        String id = action.string("id", true, PacketRules.ID);
        String description = action.requiredString("description");
        String result = action.requiredString("result");
        String completedBy = action.string("completed_by");
        String completedAt = action.timestamp("completed_at");
        return action.errorCount() == mark
                ? new CompletedAction(id, description, result, completedBy, completedAt) : null;
    }

    private static FailedAction failedAction(JsonFields action) {
        int mark = action.errorCount();
        String id = action.string("id", true, PacketRules.ID);
        String description = action.requiredString("description");
        String error = action.requiredString("error");
        Long retries = action.wholeNumber("retries_remaining");
        PacketRules.RETRIES_REMAINING.check(action.errors(), action.path("retries_remaining"), retries);
        return action.errorCount() == mark
                ? new FailedAction(id, description, error, retries == null ? null : retries.intValue()) : null;
    }

    private static Dependency dependency(JsonFields dependency) {
        int mark = dependency.errorCount();
        String id = dependency.string("id", true, PacketRules.ID);
        DependencyType type = dependency.choice("type", true, DependencyType.values(), DependencyType::wireName);
        String description = dependency.requiredString("description");
        DependencyStatus status = dependency.choice("status", false, DependencyStatus.values(),
                DependencyStatus::wireName);
        String source = dependency.string("source");
        return dependency.errorCount() == mark ? new Dependency(id, type, description, status, source) : null;
    }

    private static HitlCheckpoint hitl(JsonFields hitl) {
        if (hitl == null) {
            return null;
        }
        int mark = hitl.errorCount();
        Boolean required = hitl.has("required") ? hitl.bool("required") : Boolean.TRUE;
        String reason = hitl.requiredString("reason");
        PacketRules.hitlReason(hitl.errors(), hitl.path("reason"), required, reason);
        String question = hitl.string("question", false, PacketRules.QUESTION);
        List<String> options = hitl.strings("options", PacketRules.OPTIONS, PacketRules.OPTION);
        Long timeout = hitl.wholeNumber("timeout_seconds");
        PacketRules.TIMEOUT_SECONDS.check(hitl.errors(), hitl.path("timeout_seconds"), timeout);
        return hitl.errorCount() == mark
                ? HitlCheckpoint.of(required, reason, question, options, timeout == null ? null : timeout.intValue())
                : null;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record ActionSections(List<PendingAction> pending, List<CompletedAction> completed,
                                  List<FailedAction> failed) {
    }
}
