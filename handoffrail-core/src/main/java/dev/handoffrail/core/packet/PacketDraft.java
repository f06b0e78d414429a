package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.schema.SchemaId;
import java.util.List;

/**
 * A packet as a client proposes it (http-api.md §7.1), before the server assigns id, status and timestamps.
 * Built either by embedders directly or by an adapter from its request format; either way
 * {@link PacketRules#validate(PacketDraft)} decides whether it is acceptable.
 */
public record PacketDraft(PacketId parentId, SchemaId schemaId, AgentInfo sourceAgent, AgentInfo targetAgent,
                          Priority priority, List<String> tags, PacketContext context, List<Decision> decisions,
                          Actions actions, List<Dependency> dependencies, HitlCheckpoint hitl) {
    public PacketDraft {
        requireNonNull(sourceAgent, "sourceAgent");
        requireNonNull(targetAgent, "targetAgent");
        requireNonNull(context, "context");
        priority = priority == null ? Priority.NORMAL : priority;
        tags = tags == null ? List.of() : List.copyOf(tags);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        actions = actions == null ? Actions.EMPTY : actions;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        targetAgent = targetAgent.asTarget();
    }

    /** The smallest valid draft: who hands over to whom, and a summary. */
    public static PacketDraft of(AgentInfo source, AgentInfo target, String summary) {
        return new PacketDraft(null, null, source, target, Priority.NORMAL, List.of(), PacketContext.ofSummary(summary),
                List.of(), Actions.EMPTY, List.of(), null);
    }

    /** Whether the packet starts in {@code awaiting_human} (a checkpoint with {@code required: true}). */
    public boolean startsAwaitingHuman() {
        return hitl != null && hitl.required();
    }

    public PacketDraft withParent(PacketId parent) {
        return new PacketDraft(parent, schemaId, sourceAgent, targetAgent, priority, tags, context, decisions, actions,
                dependencies, hitl);
    }

    public PacketDraft withContext(PacketContext newContext) {
        return new PacketDraft(parentId, schemaId, sourceAgent, targetAgent, priority, tags, newContext, decisions,
                actions, dependencies, hitl);
    }

    public PacketDraft withHitl(HitlCheckpoint checkpoint) {
        return new PacketDraft(parentId, schemaId, sourceAgent, targetAgent, priority, tags, context, decisions,
                actions, dependencies, checkpoint);
    }

    public PacketDraft withPriority(Priority newPriority) {
        return new PacketDraft(parentId, schemaId, sourceAgent, targetAgent, newPriority, tags, context, decisions,
                actions, dependencies, hitl);
    }

    public PacketDraft withTags(List<String> newTags) {
        return new PacketDraft(parentId, schemaId, sourceAgent, targetAgent, priority, newTags, context, decisions,
                actions, dependencies, hitl);
    }

    public PacketDraft withSchema(SchemaId schema) {
        return new PacketDraft(parentId, schema, sourceAgent, targetAgent, priority, tags, context, decisions,
                actions, dependencies, hitl);
    }
}
