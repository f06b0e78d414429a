package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

/** Work that failed; {@code retriesRemaining} is ≥ 0 or null. */
public record FailedAction(String id, String description, String error, Integer retriesRemaining) {
    public FailedAction {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(error, "error");
    }
}
