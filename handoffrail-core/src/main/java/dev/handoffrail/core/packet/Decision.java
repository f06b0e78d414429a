package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A decision already taken, with its rationale; {@code id} is unique within the packet. */
public record Decision(String id, String decision, String rationale, List<String> alternatives, String decidedBy,
                       String timestamp) {
    public Decision {
        requireNonNull(id, "id");
        requireNonNull(decision, "decision");
        requireNonNull(rationale, "rationale");
        alternatives = List.copyOf(alternatives);
    }
}
