package dev.handoffrail.client.model;

import java.util.List;

/**
 * The packet's action lists. On input (create) absent lists are empty; in a {@link PacketUpdate} only the sections
 * that are not {@code null} replace the stored ones (http-api.md §9.6), which is why {@code null} is kept here.
 */
public record PacketActions(List<PendingAction> pending, List<CompletedAction> completed,
                            List<FailedAction> failed) {
    public PacketActions {
        pending = Copies.listOrNull(pending);
        completed = Copies.listOrNull(completed);
        failed = Copies.listOrNull(failed);
    }

    /** No actions at all. */
    public static PacketActions none() {
        return new PacketActions(List.of(), List.of(), List.of());
    }
}
