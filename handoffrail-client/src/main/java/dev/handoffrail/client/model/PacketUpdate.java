package dev.handoffrail.client.model;

import java.util.List;

/**
 * The body of {@code PATCH /packets/{id}} (http-api.md §9.6): every {@code null} member is left out. {@code context}
 * and {@code dependencies} replace, {@code decisions} upsert by id, each non-null section of {@code actions}
 * replaces that section, {@code hitl} replaces the checkpoint's client fields.
 */
public record PacketUpdate(PacketStatus status, PacketContext context, List<Decision> decisions,
                           PacketActions actions, List<Dependency> dependencies, HitlCheckpoint hitl,
                           String schemaId) {
    public PacketUpdate {
        decisions = Copies.listOrNull(decisions);
        dependencies = Copies.listOrNull(dependencies);
    }

    /** Only a status change. */
    public static PacketUpdate status(PacketStatus status) {
        return new PacketUpdate(status, null, null, null, null, null, null);
    }

    /** Nothing yet; add members with the {@code with...} methods. */
    public static PacketUpdate empty() {
        return new PacketUpdate(null, null, null, null, null, null, null);
    }

    public PacketUpdate withStatus(PacketStatus value) {
        return new PacketUpdate(value, context, decisions, actions, dependencies, hitl, schemaId);
    }

    public PacketUpdate withContext(PacketContext value) {
        return new PacketUpdate(status, value, decisions, actions, dependencies, hitl, schemaId);
    }

    public PacketUpdate withDecisions(List<Decision> value) {
        return new PacketUpdate(status, context, value, actions, dependencies, hitl, schemaId);
    }

    public PacketUpdate withActions(PacketActions value) {
        return new PacketUpdate(status, context, decisions, value, dependencies, hitl, schemaId);
    }

    public PacketUpdate withDependencies(List<Dependency> value) {
        return new PacketUpdate(status, context, decisions, actions, value, hitl, schemaId);
    }

    public PacketUpdate withHitl(HitlCheckpoint value) {
        return new PacketUpdate(status, context, decisions, actions, dependencies, value, schemaId);
    }

    public PacketUpdate withSchemaId(String value) {
        return new PacketUpdate(status, context, decisions, actions, dependencies, hitl, value);
    }
}
