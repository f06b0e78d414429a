package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The packet input limits of http-api.md §7.1, §9.8 and §9.9, as named constants and as checks: the one
 * definition of each rule. Adapters that read packet input apply these checks field by field as they read (so a
 * body's type and rule problems are reported together, in document order), and the use cases validate every
 * draft with {@link #validate(PacketDraft)}, so drafts built directly by embedders are held to the same rules and
 * get the same {@link FieldError}s in the same order (document order of §7.1). Stateless.
 */
public final class PacketRules {
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_AGENT_NAME_LENGTH = 256;
    public static final int MAX_FRAMEWORK_LENGTH = 64;
    public static final int MAX_VERSION_LENGTH = 64;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_SUMMARY_LENGTH = 10_000;
    public static final int MAX_ARTIFACT_KEY_LENGTH = 256;
    public static final int MAX_CONTENT_TYPE_LENGTH = 128;
    public static final int MAX_QUESTION_LENGTH = 2_000;
    public static final int MAX_OPTIONS = 50;
    public static final int MAX_OPTION_LENGTH = 256;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MIN_RETRIES_REMAINING = 0;
    public static final int MAX_RESPONSE_LENGTH = 10_000;
    public static final int MAX_RESPONDED_BY_LENGTH = 256;
    public static final int MAX_NOTES_LENGTH = 10_000;

    public static final Text ID = new Text(1, MAX_ID_LENGTH);
    public static final Text AGENT_NAME = new Text(0, MAX_AGENT_NAME_LENGTH);
    public static final Text FRAMEWORK = new Text(0, MAX_FRAMEWORK_LENGTH);
    public static final Text VERSION = new Text(0, MAX_VERSION_LENGTH);
    public static final Count TAGS = new Count(MAX_TAGS);
    public static final Text TAG = new Text(1, MAX_TAG_LENGTH);
    public static final Text SUMMARY = new Text(0, MAX_SUMMARY_LENGTH);
    public static final Text ARTIFACT_KEY = new Text(1, MAX_ARTIFACT_KEY_LENGTH);
    public static final Text CONTENT_TYPE = new Text(0, MAX_CONTENT_TYPE_LENGTH);
    public static final Text QUESTION = new Text(0, MAX_QUESTION_LENGTH);
    public static final Count OPTIONS = new Count(MAX_OPTIONS);
    public static final Text OPTION = new Text(1, MAX_OPTION_LENGTH);
    public static final Minimum TIMEOUT_SECONDS = new Minimum(MIN_TIMEOUT_SECONDS);
    public static final Minimum RETRIES_REMAINING = new Minimum(MIN_RETRIES_REMAINING);
    public static final Text RESPONSE = new Text(1, MAX_RESPONSE_LENGTH);
    public static final Text RESPONDED_BY = new Text(1, MAX_RESPONDED_BY_LENGTH);
    public static final Text NOTES = new Text(0, MAX_NOTES_LENGTH);

    private PacketRules() {
    }

    /** Every problem of {@code draft}, in document order; empty when the draft is acceptable. */
    public static List<FieldError> validate(PacketDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        agent(errors, "metadata.source_agent", draft.sourceAgent(), true);
        agent(errors, "metadata.target_agent", draft.targetAgent(), false);
        strings(errors, "metadata.tags", draft.tags(), TAGS, TAG);
        context(errors, "context", draft.context());
        decisions(errors, "decisions", draft.decisions());
        actions(errors, "actions", draft.actions().pending(), draft.actions().completed(),
                draft.actions().failed());
        dependencies(errors, "dependencies", draft.dependencies());
        if (draft.hitl() != null) {
            hitl(errors, "hitl", draft.hitl());
        }
        storable(errors, "metadata.source_agent", PacketRepresentation.sourceAgentJson(draft.sourceAgent()));
        storable(errors, "metadata.target_agent", PacketRepresentation.targetAgentJson(draft.targetAgent()));
        storable(errors, "metadata.tags", draft.tags());
        storable(errors, "context", PacketRepresentation.contextJson(draft.context()));
        storable(errors, "decisions", PacketRepresentation.list(draft.decisions(), PacketRepresentation::decisionJson));
        storable(errors, "actions", PacketRepresentation.actionsJson(draft.actions()));
        storable(errors, "dependencies",
                PacketRepresentation.list(draft.dependencies(), PacketRepresentation::dependencyJson));
        if (draft.hitl() != null) {
            storable(errors, "hitl", PacketRepresentation.hitlJson(draft.hitl()));
        }
        return List.copyOf(errors);
    }

    /** Every problem of the content fields present in {@code patch}, in the order of http-api.md §9.6. */
    public static List<FieldError> validate(PacketPatch patch) {
        List<FieldError> errors = new ArrayList<>();
        if (patch.context() != null) {
            context(errors, "context", patch.context());
        }
        if (patch.decisions() != null) {
            decisions(errors, "decisions", patch.decisions());
        }
        actions(errors, "actions", patch.pendingActions(), patch.completedActions(), patch.failedActions());
        if (patch.dependencies() != null) {
            dependencies(errors, "dependencies", patch.dependencies());
        }
        if (patch.hitl() != null) {
            hitl(errors, "hitl", patch.hitl());
        }
        if (patch.context() != null) {
            storable(errors, "context", PacketRepresentation.contextJson(patch.context()));
        }
        if (patch.decisions() != null) {
            storable(errors, "decisions",
                    PacketRepresentation.list(patch.decisions(), PacketRepresentation::decisionJson));
        }
        storable(errors, "actions", PacketRepresentation.actionsJson(new Actions(nullToEmpty(patch.pendingActions()),
                nullToEmpty(patch.completedActions()), nullToEmpty(patch.failedActions()))));
        if (patch.dependencies() != null) {
            storable(errors, "dependencies",
                    PacketRepresentation.list(patch.dependencies(), PacketRepresentation::dependencyJson));
        }
        if (patch.hitl() != null) {
            storable(errors, "hitl", PacketRepresentation.hitlJson(patch.hitl()));
        }
        return List.copyOf(errors);
    }

    /**
     * Adds the {@link StorableText} errors of {@code json} not already reported (a field a {@link Text} rule
     * checked has reported it).
     */
    private static void storable(List<FieldError> errors, String path, Object json) {
        List<FieldError> found = new ArrayList<>();
        StorableText.checkDeep(found, path, json);
        for (FieldError error : found) {
            if (!errors.contains(error)) {
                errors.add(error);
            }
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The claiming agent of a claim body (§9.8): {@code agent_id} 1–128 and {@code agent_name} 0–256, both
     * required, {@code framework} ≤ 64 or null. Field names are prefixed with {@code pathPrefix} and a dot
     * unless the prefix is empty.
     */
    public static List<FieldError> validateAgent(String pathPrefix, String id, String name, String framework) {
        List<FieldError> errors = new ArrayList<>();
        String prefix = pathPrefix == null || pathPrefix.isEmpty() ? "" : pathPrefix + ".";
        required(errors, prefix + "agent_id", id, ID);
        required(errors, prefix + "agent_name", name, AGENT_NAME);
        FRAMEWORK.check(errors, prefix + "framework", framework);
        return List.copyOf(errors);
    }

    /** A respond body (§9.9): {@code response} 1–10 000 and {@code responded_by} 1–256 required, notes ≤ 10 000. */
    public static List<FieldError> validateResponse(String response, String respondedBy, String notes) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "response", response, RESPONSE);
        required(errors, "responded_by", respondedBy, RESPONDED_BY);
        NOTES.check(errors, "notes", notes);
        return List.copyOf(errors);
    }

    /** Throws a {@link ValidationException} carrying {@code errors} unless the list is empty. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static void agent(List<FieldError> errors, String path, AgentInfo agent, boolean source) {
        ID.check(errors, path + ".id", agent.id());
        AGENT_NAME.check(errors, path + ".name", agent.name());
        FRAMEWORK.check(errors, path + ".framework", agent.framework());
        if (source) {
            VERSION.check(errors, path + ".version", agent.version());
        }
    }

    static void context(List<FieldError> errors, String path, PacketContext context) {
        SUMMARY.check(errors, path + ".summary", context.summary());
        each(context.conversationState(), path + ".conversation_state",
                (p, entry) -> timestamp(errors, p + ".timestamp", entry.timestamp()));
        each(context.artifacts(), path + ".artifacts", (p, artifact) -> {
            ARTIFACT_KEY.check(errors, p + ".key", artifact.key());
            artifactValue(errors, p + ".value", artifact.value());
            CONTENT_TYPE.check(errors, p + ".content_type", artifact.contentType());
        });
    }

    private static void decisions(List<FieldError> errors, String path, List<Decision> decisions) {
        Set<String> seen = new HashSet<>();
        each(decisions, path, (p, decision) -> {
            decisionId(errors, p + ".id", decision.id(), seen);
            timestamp(errors, p + ".timestamp", decision.timestamp());
        });
    }

    private static void actions(List<FieldError> errors, String path, List<PendingAction> pending,
                                List<CompletedAction> completed, List<FailedAction> failed) {
        each(pending, path + ".pending", (p, action) -> {
            ID.check(errors, p + ".id", action.id());
            timestamp(errors, p + ".deadline", action.deadline());
        });
        each(completed, path + ".completed", (p, action) -> {
            ID.check(errors, p + ".id", action.id());
            timestamp(errors, p + ".completed_at", action.completedAt());
        });
        each(failed, path + ".failed", (p, action) -> {
            ID.check(errors, p + ".id", action.id());
            RETRIES_REMAINING.check(errors, p + ".retries_remaining", action.retriesRemaining());
        });
    }

    private static void dependencies(List<FieldError> errors, String path, List<Dependency> dependencies) {
        each(dependencies, path, (p, dependency) -> ID.check(errors, p + ".id", dependency.id()));
    }

    private static void hitl(List<FieldError> errors, String path, HitlCheckpoint hitl) {
        hitlReason(errors, path + ".reason", hitl.required(), hitl.reason());
        QUESTION.check(errors, path + ".question", hitl.question());
        strings(errors, path + ".options", hitl.options(), OPTIONS, OPTION);
        TIMEOUT_SECONDS.check(errors, path + ".timeout_seconds", hitl.timeoutSeconds());
    }

    static void strings(List<FieldError> errors, String path, List<String> values, Count count, Text item) {
        if (values == null) {
            return;
        }
        count.check(errors, path, values.size());
        each(values, path, (p, value) -> item.check(errors, p, value));
    }

    public static void decisionId(List<FieldError> errors, String path, String id, Set<String> seen) {
        ID.check(errors, path, id);
        if (id != null && !seen.add(id)) {
            errors.add(new FieldError(path, FieldMessages.duplicateId(id)));
        }
    }

    public static void timestamp(List<FieldError> errors, String path, String value) {
        if (value != null && Timestamps.parse(value).isEmpty()) {
            errors.add(new FieldError(path, FieldMessages.TIMESTAMP));
        }
    }

    public static void artifactValue(List<FieldError> errors, String path, Object value) {
        if (value != null && !(value instanceof String || value instanceof Map || value instanceof List)) {
            errors.add(new FieldError(path, FieldMessages.ARTIFACT_VALUE));
        }
    }

    /** {@code required} null means it was not a boolean, so whether the reason may be empty is unknown. */
    public static void hitlReason(List<FieldError> errors, String path, Boolean required, String reason) {
        if (reason != null && reason.isEmpty() && Boolean.TRUE.equals(required)) {
            errors.add(new FieldError(path, FieldMessages.REASON_WHEN_REQUIRED));
        }
    }

    private static void required(List<FieldError> errors, String path, String value, Text rule) {
        if (value == null) {
            errors.add(new FieldError(path, FieldMessages.REQUIRED));
        }
        rule.check(errors, path, value);
    }

    private static <T> void each(List<T> items, String path, BiConsumer<String, T> check) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            check.accept(path + "[" + i + "]", items.get(i));
        }
    }

    /** A storable ({@link StorableText}) string of {@code min}–{@code max} characters (code points); null passes. */
    public record Text(int min, int max) {
        public void check(List<FieldError> errors, String path, String value) {
            if (value == null) {
                return;
            }
            if (min > 0 && value.isEmpty()) {
                errors.add(new FieldError(path, FieldMessages.NOT_EMPTY));
            } else if (!StorableText.isStorable(value)) {
                errors.add(new FieldError(path, StorableText.MESSAGE));
            } else if (value.length() > max && value.codePointCount(0, value.length()) > max) {
                errors.add(new FieldError(path, FieldMessages.atMostCharacters(max)));
            }
        }
    }

    /** A list of at most {@code max} items. */
    public record Count(int max) {
        public void check(List<FieldError> errors, String path, int size) {
            if (size > max) {
                errors.add(new FieldError(path, FieldMessages.atMostItems(max)));
            }
        }
    }

    /** An integer of at least {@code min} that fits an {@code int}; null passes. */
    public record Minimum(int min) {
        public void check(List<FieldError> errors, String path, Number value) {
            if (value == null) {
                return;
            }
            if (value.longValue() < min) {
                errors.add(new FieldError(path, FieldMessages.atLeast(min)));
            } else if (value.longValue() > Integer.MAX_VALUE) {
                errors.add(new FieldError(path, FieldMessages.atMost(Integer.MAX_VALUE)));
            }
        }
    }
}
