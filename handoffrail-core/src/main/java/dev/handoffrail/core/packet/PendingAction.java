package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Work still to do; {@code priority} and {@code deadline} may be null. */
public record PendingAction(String id, String description, String assignee, Priority priority,
                            List<String> dependsOn, String deadline) {
    public PendingAction {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(assignee, "assignee");
        dependsOn = List.copyOf(dependsOn);
    }
}
