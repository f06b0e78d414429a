package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

/** Work already done and its result. */
public record CompletedAction(String id, String description, String result, String completedBy,
                              String completedAt) {
    public CompletedAction {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(result, "result");
    }
}
