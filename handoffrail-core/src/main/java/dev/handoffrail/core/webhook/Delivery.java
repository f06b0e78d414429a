package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;

/**
 * One outbox row: an event to send to one webhook. {@code payload} is the exact JSON body, fixed at creation and
 * identical on every attempt. {@code nextRetryAt} is when it is next due (null once delivered or dead). Immutable.
 */
public record Delivery(DeliveryId id, WebhookId webhookId, TenantId tenant, PacketId packetId, EventType eventType,
                       DeliveryStatus status, int attempts, String lastError, Integer lastStatusCode,
                       Instant nextRetryAt, Instant deliveredAt, Instant createdAt, Instant updatedAt,
                       byte[] payload) {
    public Delivery {
        requireNonNull(id, "id");
        requireNonNull(webhookId, "webhookId");
        requireNonNull(tenant, "tenant");
        requireNonNull(packetId, "packetId");
        requireNonNull(eventType, "eventType");
        requireNonNull(status, "status");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A new pending delivery due now. */
    public static Delivery pending(WebhookId webhook, TenantId tenant, PacketId packet, EventType type, byte[] body,
                                   DeliveryId id, Instant now) {
        return new Delivery(id, webhook, tenant, packet, type, DeliveryStatus.PENDING, 0, null, null, now, null, now,
                now, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delivery d && d.id.equals(id) && d.status == status && d.attempts == attempts
                && java.util.Objects.equals(d.updatedAt, updatedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", webhook=" + webhookId + ", event=" + eventType.wireName() + ", status="
                + status.wireName() + ", attempts=" + attempts + "]";
    }
}
