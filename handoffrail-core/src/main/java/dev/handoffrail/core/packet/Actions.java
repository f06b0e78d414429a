package dev.handoffrail.core.packet;

import java.util.List;

/** The three action sections; each is replaced independently by PATCH. */
public record Actions(List<PendingAction> pending, List<CompletedAction> completed, List<FailedAction> failed) {
    public static final Actions EMPTY = new Actions(List.of(), List.of(), List.of());

    public Actions {
        pending = List.copyOf(pending);
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
    }
}
