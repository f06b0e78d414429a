package dev.handoffrail.core.testing;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.FailedAction;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PendingAction;
import java.util.List;
import java.util.Map;

/**
 * One packet input that breaks every content rule of http-api.md §7.1 once, as a draft built in code and as the
 * JSON body a client would send, with the errors both must get, in document order. Stateless.
 */
public final class RuleBreakingPacket {
    private RuleBreakingPacket() {
    }

    public static PacketDraft draft() {
        return new PacketDraft(null, null, new AgentInfo("", x(257), x(65), x(65)),
                new AgentInfo(x(129), "n", x(65), null), null, List.of("ok", "", x(65)),
                new PacketContext(x(10_001),
                        List.of(new ConversationEntry(ConversationRole.USER, "c", "noon", null)),
                        List.of(new Artifact("", "v", x(129))), Map.of()),
                List.of(new Decision("d", "a", "b", List.of(), null, "x"),
                        new Decision("d", "a", "b", List.of(), null, null)),
                new Actions(List.of(new PendingAction("", "d", "a", null, List.of(), "x")),
                        List.of(new CompletedAction("c", "d", "r", null, "x")),
                        List.of(new FailedAction("f", "d", "e", -1))),
                List.of(new Dependency(x(129), DependencyType.DATA, "", null, null)),
                HitlCheckpoint.of(true, "", x(2_001), List.of("", "fine"), 0));
    }

    public static String json() {
        return """
                {"metadata": {"source_agent": {"id": "", "name": "%s", "framework": "%s", "version": "%s"},
                              "target_agent": {"id": "%s", "name": "n", "framework": "%s"},
                              "tags": ["ok", "", "%s"]},
                 "context": {"summary": "%s",
                   "conversation_state": [{"role": "user", "content": "c", "timestamp": "noon"}],
                   "artifacts": [{"key": "", "value": "v", "content_type": "%s"}]},
                 "decisions": [{"id": "d", "decision": "a", "rationale": "b", "timestamp": "x"},
                               {"id": "d", "decision": "a", "rationale": "b"}],
                 "actions": {"pending": [{"id": "", "description": "d", "assignee": "a", "deadline": "x"}],
                             "completed": [{"id": "c", "description": "d", "result": "r", "completed_at": "x"}],
                             "failed": [{"id": "f", "description": "d", "error": "e", "retries_remaining": -1}]},
                 "dependencies": [{"id": "%s", "type": "data", "description": ""}],
                 "hitl": {"reason": "", "question": "%s", "options": ["", "fine"], "timeout_seconds": 0}}
                """.formatted(x(257), x(65), x(65), x(129), x(65), x(65), x(10_001), x(129), x(129), x(2_001));
    }

    public static List<FieldError> errors() {
        return List.of(
                new FieldError("metadata.source_agent.id", "must not be empty"),
                new FieldError("metadata.source_agent.name", "must be at most 256 characters"),
                new FieldError("metadata.source_agent.framework", "must be at most 64 characters"),
                new FieldError("metadata.source_agent.version", "must be at most 64 characters"),
                new FieldError("metadata.target_agent.id", "must be at most 128 characters"),
                new FieldError("metadata.target_agent.framework", "must be at most 64 characters"),
                new FieldError("metadata.tags[1]", "must not be empty"),
                new FieldError("metadata.tags[2]", "must be at most 64 characters"),
                new FieldError("context.summary", "must be at most 10000 characters"),
                new FieldError("context.conversation_state[0].timestamp", "must be an RFC 3339 timestamp"),
                new FieldError("context.artifacts[0].key", "must not be empty"),
                new FieldError("context.artifacts[0].content_type", "must be at most 128 characters"),
                new FieldError("decisions[0].timestamp", "must be an RFC 3339 timestamp"),
                new FieldError("decisions[1].id", "duplicate id: d"),
                new FieldError("actions.pending[0].id", "must not be empty"),
                new FieldError("actions.pending[0].deadline", "must be an RFC 3339 timestamp"),
                new FieldError("actions.completed[0].completed_at", "must be an RFC 3339 timestamp"),
                new FieldError("actions.failed[0].retries_remaining", "must be at least 0"),
                new FieldError("dependencies[0].id", "must be at most 128 characters"),
                new FieldError("hitl.reason", "must be non-empty when required is true"),
                new FieldError("hitl.question", "must be at most 2000 characters"),
                new FieldError("hitl.options[0]", "must not be empty"),
                new FieldError("hitl.timeout_seconds", "must be at least 1"));
    }

    private static String x(int length) {
        return "x".repeat(length);
    }
}
