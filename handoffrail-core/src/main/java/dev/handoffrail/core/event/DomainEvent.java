package dev.handoffrail.core.event;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.JsonValues;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a packet, as streamed to listeners and sent to webhooks (http-api.md §17.1).
 * {@code data} holds {@code status}, {@code metadata} and the type's extra members. {@code packet} is the
 * packet as of the event on the instance that caused it, and null when the event arrived from another
 * instance. Immutable.
 */
public record DomainEvent(EventType type, TenantId tenant, PacketId packetId, Map<String, Object> data,
                          Instant timestamp, Packet packet) {
    public DomainEvent {
        requireNonNull(type, "type");
        requireNonNull(tenant, "tenant");
        requireNonNull(packetId, "packetId");
        requireNonNull(timestamp, "timestamp");
        data = JsonValues.immutableObject(data);
    }
}
