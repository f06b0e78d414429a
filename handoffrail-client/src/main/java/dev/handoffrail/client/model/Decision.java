package dev.handoffrail.client.model;

import java.util.List;

/** A decision taken before the handoff; ids are unique within a packet, {@code timestamp} is returned as sent. */
public record Decision(String id, String decision, String rationale, List<String> alternatives, String decidedBy,
                       String timestamp) {
    public Decision {
        alternatives = Copies.list(alternatives);
    }

    public static Decision of(String id, String decision, String rationale) {
        return new Decision(id, decision, rationale, List.of(), null, null);
    }
}
