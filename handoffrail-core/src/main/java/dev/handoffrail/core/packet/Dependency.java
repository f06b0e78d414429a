package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

/** Something the work depends on. */
public record Dependency(String id, DependencyType type, String description, DependencyStatus status,
                         String source) {
    public Dependency {
        requireNonNull(id, "id");
        requireNonNull(type, "type");
        requireNonNull(description, "description");
        status = status == null ? DependencyStatus.UNKNOWN : status;
    }
}
