package dev.handoffrail.core.testing;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Test-data builder for outbox rows: {@code aDelivery(webhook, packet).failed(2, at).build()}. Defaults: pending,
 * no attempts, created and due at {@link Fixtures#T0}. Not thread-safe.
 */
public final class DeliveryFixtures {
    private DeliveryFixtures() {
    }

    /** A pending delivery of {@code packet.created} for this webhook (and its tenant) about this packet. */
    public static Builder aDelivery(Webhook webhook, Packet packet) {
        return new Builder(webhook.id(), webhook.tenant(), packet.id());
    }

    /** Builds deliveries; every setter returns this builder. */
    public static final class Builder {
        private final WebhookId webhookId;
        private final TenantId tenant;
        private final PacketId packetId;
        private DeliveryId id = DeliveryId.random();
        private EventType eventType = EventType.PACKET_CREATED;
        private DeliveryStatus status = DeliveryStatus.PENDING;
        private int attempts;
        private String lastError;
        private Integer lastStatusCode;
        private Instant nextRetryAt;
        private boolean nextRetrySet;
        private Instant deliveredAt;
        private Instant createdAt = Fixtures.T0;
        private Instant updatedAt;
        private byte[] payload;

        private Builder(WebhookId webhookId, TenantId tenant, PacketId packetId) {
            this.webhookId = webhookId;
            this.tenant = tenant;
            this.packetId = packetId;
        }

        public Builder id(DeliveryId value) {
            id = value;
            return this;
        }

        public Builder eventType(EventType value) {
            eventType = value;
            return this;
        }

        /** Due at {@code at} (null: never). */
        public Builder dueAt(Instant at) {
            nextRetryAt = at;
            nextRetrySet = true;
            return this;
        }

        /** Failed after {@code attempts} attempts (HTTP 500), next due at {@code retryAt}. */
        public Builder failed(int attemptCount, Instant retryAt) {
            status = DeliveryStatus.FAILED;
            attempts = attemptCount;
            lastError = "HTTP 500: oops";
            lastStatusCode = 500;
            return dueAt(retryAt);
        }

        /** Delivered at {@code at} on the first attempt. */
        public Builder delivered(Instant at) {
            status = DeliveryStatus.DELIVERED;
            attempts = 1;
            lastStatusCode = 200;
            deliveredAt = at;
            updatedAt = at;
            return dueAt(null);
        }

        /** Given up after seven attempts, last updated at {@code at}. */
        public Builder deadLetter(Instant at) {
            status = DeliveryStatus.DEAD_LETTER;
            attempts = 7;
            lastError = "HTTP 503: unavailable";
            lastStatusCode = 503;
            updatedAt = at;
            return dueAt(null);
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder payload(String json) {
            payload = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Delivery build() {
            byte[] body = payload != null ? payload
                    : ("{\"event\":\"" + eventType.wireName() + "\",\"packet_id\":\"" + packetId + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            return new Delivery(id, webhookId, tenant, packetId, eventType, status, attempts, lastError,
                    lastStatusCode, nextRetrySet ? nextRetryAt : createdAt, deliveredAt, createdAt,
                    updatedAt != null ? updatedAt : createdAt, body);
        }
    }
}
