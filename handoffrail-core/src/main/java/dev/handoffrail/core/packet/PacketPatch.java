package dev.handoffrail.core.packet;

import dev.handoffrail.core.schema.SchemaId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated PATCH (http-api.md §9.6). Every field is null when not sent. {@code decisions} are upserted by
 * id; each non-null action section replaces that section; {@code hitl} replaces the client-controlled
 * checkpoint fields only.
 */
public record PacketPatch(PacketStatus status, PacketContext context, List<Decision> decisions,
                          List<PendingAction> pendingActions, List<CompletedAction> completedActions,
                          List<FailedAction> failedActions, List<Dependency> dependencies, HitlCheckpoint hitl,
                          SchemaId schemaId) {
    public static final PacketPatch EMPTY = new PacketPatch(null, null, null, null, null, null, null, null, null);

    public PacketPatch {
        decisions = decisions == null ? null : List.copyOf(decisions);
        pendingActions = pendingActions == null ? null : List.copyOf(pendingActions);
        completedActions = completedActions == null ? null : List.copyOf(completedActions);
        failedActions = failedActions == null ? null : List.copyOf(failedActions);
        dependencies = dependencies == null ? null : List.copyOf(dependencies);
    }

    public static PacketPatch status(PacketStatus status) {
        return new PacketPatch(status, null, null, null, null, null, null, null, null);
    }

    /** Whether any content field (anything but {@code status}) is present. */
    public boolean touchesContent() {
        return !contentFields().isEmpty();
    }

    /** The wire names of the content fields present, in contract order. */
    public List<String> contentFields() {
        List<String> fields = new ArrayList<>();
        if (context != null) {
            fields.add("context");
        }
        if (decisions != null) {
            fields.add("decisions");
        }
        if (pendingActions != null || completedActions != null || failedActions != null) {
            fields.add("actions");
        }
        if (dependencies != null) {
            fields.add("dependencies");
        }
        if (hitl != null) {
            fields.add("hitl");
        }
        if (schemaId != null) {
            fields.add("schema_id");
        }
        return List.copyOf(fields);
    }
}
