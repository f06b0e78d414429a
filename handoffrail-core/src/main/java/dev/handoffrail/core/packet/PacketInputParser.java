package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.schema.SchemaId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns parsed JSON (maps, lists, strings, numbers, booleans, as produced by {@code Json.parse} or a Jackson
 * map binding) into a {@link PacketDraft} (http-api.md §7.1) or a {@link PacketPatch} (§9.6). Every problem is
 * reported in one {@link ValidationException}, in document order; the limits are those of {@link PacketRules}.
 * Unknown and server-controlled fields are ignored; free-form objects are kept verbatim. Thread-safe: every
 * call works on its own instance.
 */
public final class PacketInputParser {
    private final InputReader in = new InputReader();

    private PacketInputParser() {
    }

    /** A packet input body; throws {@link IllegalArgumentException} if {@code json} is not an object. */
    public static PacketDraft parseDraft(Object json) {
        return new PacketInputParser().draft(requireObject(json));
    }

    /** A PATCH body: fields absent or null stay null in the patch. */
    public static PacketPatch parsePatch(Object json) {
        return new PacketInputParser().patch(requireObject(json));
    }

    private static Map<?, ?> requireObject(Object json) {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("a packet body must be a JSON object");
    }

    private PacketDraft draft(Map<?, ?> body) {
        UUID parent = in.uuid(body, "parent_packet_id", "parent_packet_id");
        UUID schema = in.uuid(body, "schema_id", "schema_id");
        Map<String, Object> metadata = in.object(body, "metadata", "metadata", true);
        AgentInfo source = null;
        AgentInfo target = null;
        Priority priority = null;
        List<String> tags = null;
        if (metadata != null) {
            source = agent(metadata, "source_agent", "metadata.source_agent", true);
            target = agent(metadata, "target_agent", "metadata.target_agent", false);
            priority = in.choice(metadata, "priority", "metadata.priority", false, Priority.values(),
                    Priority::wireName);
            tags = in.strings(metadata, "tags", "metadata.tags", PacketRules.TAGS, PacketRules.TAG);
        }
        PacketContext context = context(in.object(body, "context", "context", true), "context");
        List<Decision> decisions = decisions(body);
        ActionSections sections = actionSections(body);
        List<Dependency> dependencies = in.objects(body, "dependencies", "dependencies", this::dependency);
        HitlCheckpoint hitl = hitl(in.object(body, "hitl", "hitl", false), "hitl");
        in.throwIfAny();
        Actions actions = new Actions(orEmpty(sections.pending), orEmpty(sections.completed),
                orEmpty(sections.failed));
        return new PacketDraft(parent == null ? null : new PacketId(parent),
                schema == null ? null : new SchemaId(schema), source, target, priority, tags, context, decisions,
                actions, dependencies, hitl);
    }

    private PacketPatch patch(Map<?, ?> body) {
        PacketStatus status = in.choice(body, "status", "status", false, PacketStatus.values(),
                PacketStatus::wireName);
        PacketContext context = context(in.object(body, "context", "context", false), "context");
        List<Decision> decisions = decisions(body);
        ActionSections actions = actionSections(body);
        List<Dependency> dependencies = in.objects(body, "dependencies", "dependencies", this::dependency);
        HitlCheckpoint hitl = hitl(in.object(body, "hitl", "hitl", false), "hitl");
        UUID schema = in.uuid(body, "schema_id", "schema_id");
        in.throwIfAny();
        return new PacketPatch(status, context, decisions, actions.pending, actions.completed, actions.failed,
                dependencies, hitl, schema == null ? null : new SchemaId(schema));
    }

    private AgentInfo agent(Map<String, Object> metadata, String key, String path, boolean source) {
        Map<String, Object> agent = in.object(metadata, key, path, true);
        if (agent == null) {
            return null;
        }
        String id = in.string(agent, "id", path + ".id", true, PacketRules.ID);
        String name = in.string(agent, "name", path + ".name", true, PacketRules.AGENT_NAME);
        String framework = in.string(agent, "framework", path + ".framework", false, PacketRules.FRAMEWORK);
        String version = source
                ? in.string(agent, "version", path + ".version", false, PacketRules.VERSION) : null;
        return id == null || name == null ? null : new AgentInfo(id, name, framework, version);
    }

    private PacketContext context(Map<String, Object> context, String path) {
        if (context == null) {
            return null;
        }
        int mark = in.mark();
        String summary = in.string(context, "summary", path + ".summary", true, PacketRules.SUMMARY);
        List<ConversationEntry> conversation = in.objects(context, "conversation_state",
                path + ".conversation_state", this::conversationEntry);
        List<Artifact> artifacts = in.objects(context, "artifacts", path + ".artifacts", this::artifact);
        Map<String, Object> custom = in.object(context, "custom", path + ".custom", false);
        if (!in.cleanSince(mark)) {
            return null;
        }
        return new PacketContext(summary, orEmpty(conversation), orEmpty(artifacts), custom);
    }

    private ConversationEntry conversationEntry(Map<String, Object> entry, String path) {
        int mark = in.mark();
        ConversationRole role = in.choice(entry, "role", path + ".role", true, ConversationRole.values(),
                ConversationRole::wireName);
        String content = in.string(entry, "content", path + ".content", true);
        String timestamp = in.timestamp(entry, "timestamp", path + ".timestamp");
        Map<String, Object> metadata = in.object(entry, "metadata", path + ".metadata", false);
        return in.cleanSince(mark) ? new ConversationEntry(role, content, timestamp, metadata) : null;
    }

    private Artifact artifact(Map<String, Object> artifact, String path) {
        int mark = in.mark();
        String key = in.string(artifact, "key", path + ".key", true, PacketRules.ARTIFACT_KEY);
        Object value = in.value(artifact, "value", path + ".value", true);
        PacketRules.artifactValue(in.errors(), path + ".value", value);
        String contentType = in.string(artifact, "content_type", path + ".content_type", false,
                PacketRules.CONTENT_TYPE);
        return in.cleanSince(mark) ? new Artifact(key, value, contentType) : null;
    }

    private List<Decision> decisions(Map<?, ?> body) {
        Set<String> seen = new HashSet<>();
        return in.objects(body, "decisions", "decisions", (decision, path) -> decision(decision, path, seen));
    }

    private Decision decision(Map<String, Object> decision, String path, Set<String> seenIds) {
        int mark = in.mark();
        String id = in.string(decision, "id", path + ".id", true);
        PacketRules.decisionId(in.errors(), path + ".id", id, seenIds);
        String text = in.string(decision, "decision", path + ".decision", true);
        String rationale = in.string(decision, "rationale", path + ".rationale", true);
        List<String> alternatives = in.strings(decision, "alternatives", path + ".alternatives", null, null);
        String decidedBy = in.string(decision, "decided_by", path + ".decided_by", false);
        String timestamp = in.timestamp(decision, "timestamp", path + ".timestamp");
        return in.cleanSince(mark)
                ? new Decision(id, text, rationale, orEmpty(alternatives), decidedBy, timestamp) : null;
    }

    /** The sections of {@code actions} that were sent; all null when {@code actions} was not. */
    private ActionSections actionSections(Map<?, ?> body) {
        Map<String, Object> actions = in.object(body, "actions", "actions", false);
        if (actions == null) {
            return new ActionSections(null, null, null);
        }
        return new ActionSections(
                in.objects(actions, "pending", "actions.pending", this::pendingAction),
                in.objects(actions, "completed", "actions.completed", this::completedAction),
                in.objects(actions, "failed", "actions.failed", this::failedAction));
    }

    private PendingAction pendingAction(Map<String, Object> action, String path) {
        int mark = in.mark();
        String id = in.string(action, "id", path + ".id", true, PacketRules.ID);
        String description = in.string(action, "description", path + ".description", true);
        String assignee = in.string(action, "assignee", path + ".assignee", true);
        Priority priority = in.choice(action, "priority", path + ".priority", false, Priority.values(),
                Priority::wireName);
        List<String> dependsOn = in.strings(action, "depends_on", path + ".depends_on", null, null);
        String deadline = in.timestamp(action, "deadline", path + ".deadline");
        return in.cleanSince(mark)
                ? new PendingAction(id, description, assignee, priority, orEmpty(dependsOn), deadline) : null;
    }

    private CompletedAction completedAction(Map<String, Object> action, String path) {
        int mark = in.mark();
        String id = in.string(action, "id", path + ".id", true, PacketRules.ID);
        String description = in.string(action, "description", path + ".description", true);
        String result = in.string(action, "result", path + ".result", true);
        String completedBy = in.string(action, "completed_by", path + ".completed_by", false);
        String completedAt = in.timestamp(action, "completed_at", path + ".completed_at");
        return in.cleanSince(mark) ? new CompletedAction(id, description, result, completedBy, completedAt) : null;
    }

    private FailedAction failedAction(Map<String, Object> action, String path) {
        int mark = in.mark();
        String id = in.string(action, "id", path + ".id", true, PacketRules.ID);
        String description = in.string(action, "description", path + ".description", true);
        String error = in.string(action, "error", path + ".error", true);
        Long retries = in.integer(action, "retries_remaining", path + ".retries_remaining");
        PacketRules.RETRIES_REMAINING.check(in.errors(), path + ".retries_remaining", retries);
        return in.cleanSince(mark)
                ? new FailedAction(id, description, error, retries == null ? null : retries.intValue()) : null;
    }

    private Dependency dependency(Map<String, Object> dependency, String path) {
        int mark = in.mark();
        String id = in.string(dependency, "id", path + ".id", true, PacketRules.ID);
        DependencyType type = in.choice(dependency, "type", path + ".type", true, DependencyType.values(),
                DependencyType::wireName);
        String description = in.string(dependency, "description", path + ".description", true);
        DependencyStatus status = in.choice(dependency, "status", path + ".status", false,
                DependencyStatus.values(), DependencyStatus::wireName);
        String source = in.string(dependency, "source", path + ".source", false);
        return in.cleanSince(mark) ? new Dependency(id, type, description, status, source) : null;
    }

    private HitlCheckpoint hitl(Map<String, Object> hitl, String path) {
        if (hitl == null) {
            return null;
        }
        int mark = in.mark();
        Boolean required = in.bool(hitl, "required", path + ".required", true);
        String reason = in.string(hitl, "reason", path + ".reason", true);
        PacketRules.hitlReason(in.errors(), path + ".reason", required, reason);
        String question = in.string(hitl, "question", path + ".question", false, PacketRules.QUESTION);
        List<String> options = in.strings(hitl, "options", path + ".options", PacketRules.OPTIONS,
                PacketRules.OPTION);
        Long timeout = in.integer(hitl, "timeout_seconds", path + ".timeout_seconds");
        PacketRules.TIMEOUT_SECONDS.check(in.errors(), path + ".timeout_seconds", timeout);
        return in.cleanSince(mark)
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
