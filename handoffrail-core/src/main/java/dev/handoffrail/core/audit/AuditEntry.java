package dev.handoffrail.core.audit;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.packet.JsonValues;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit record. For {@link AuditResource#PACKET} it is a history event: {@code action} is the
 * {@code event_type}, {@code packetId} and {@code resourceId} name the packet. Other resources have a null
 * {@code packetId}. {@code apiKeyId} is null for system actions. Immutable; entries are never changed.
 */
public record AuditEntry(UUID id, TenantId tenant, AuditResource resource, String resourceId, PacketId packetId,
                         String action, String actor, Map<String, Object> details, Instant timestamp,
                         ApiKeyId apiKeyId) {
    public AuditEntry {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(resource, "resource");
        requireNonNull(resourceId, "resourceId");
        requireNonNull(action, "action");
        requireNonNull(actor, "actor");
        requireNonNull(timestamp, "timestamp");
        details = JsonValues.immutableObject(details);
        if (resource == AuditResource.PACKET && packetId == null) {
            throw new IllegalArgumentException("a packet entry needs a packet id");
        }
    }

    /** A packet history event. */
    public static AuditEntry history(TenantId tenant, PacketId packet, String eventType, String actor,
                                     Map<String, Object> details, Instant at, ApiKeyId key) {
        return new AuditEntry(Uuids.timeOrdered(), tenant, AuditResource.PACKET, packet.toString(), packet, eventType,
                actor, details, at, key);
    }
}
