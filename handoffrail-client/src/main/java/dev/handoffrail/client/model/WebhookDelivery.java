package dev.handoffrail.client.model;

import java.time.Instant;

/**
 * One delivery of an event to a webhook (http-api.md §7.7). {@code status} is {@code pending}, {@code failed},
 * {@code delivered} or {@code dead_letter}; DLQ entries carry no {@code status}, {@code nextRetryAt} or
 * {@code deliveredAt} (null here).
 */
public record WebhookDelivery(String id, String webhookId, String packetId, String eventType, String status,
                              int attempts, String lastError, Integer lastStatusCode, Instant nextRetryAt,
                              Instant deliveredAt, Instant createdAt, Instant updatedAt) {
}
