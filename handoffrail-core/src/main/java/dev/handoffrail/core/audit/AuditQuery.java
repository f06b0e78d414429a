package dev.handoffrail.core.audit;

import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.StorableText;
import java.time.Instant;

/**
 * Filters of the audit list (http-api.md §14.1). {@code resource} null means all resources. Bounds are
 * inclusive; {@code actor} and {@code action} must be {@link StorableText storable}. Paging applies to the list; exports ignore {@code limit}/{@code offset}.
 */
public record AuditQuery(AuditResource resource, String actor, String action, PacketId packetId,
                         Instant createdAfter, Instant createdBefore, int limit, int offset) {
    public AuditQuery {
        StorableText.require("actor", actor);
        StorableText.require("action", action);
    }

    public boolean matches(AuditEntry e) {
        if (resource != null && resource != e.resource()) {
            return false;
        }
        if (actor != null && !actor.equals(e.actor())) {
            return false;
        }
        if (action != null && !action.equals(e.action())) {
            return false;
        }
        if (packetId != null && !packetId.equals(e.packetId())) {
            return false;
        }
        if (createdAfter != null && e.timestamp().isBefore(createdAfter)) {
            return false;
        }
        return createdBefore == null || !e.timestamp().isAfter(createdBefore);
    }
}
