package dev.handoffrail.client.model;

import java.util.List;

/** Work still to do; {@code priority} and {@code deadline} (RFC 3339, returned as sent) are optional. */
public record PendingAction(String id, String description, String assignee, Priority priority,
                            List<String> dependsOn, String deadline) {
    public PendingAction {
        dependsOn = Copies.list(dependsOn);
    }
}
