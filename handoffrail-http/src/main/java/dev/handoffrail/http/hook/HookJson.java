package dev.handoffrail.http.hook;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase.RetryAllResult;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase.RotatedSecret;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.Webhook;
import java.util.Comparator;
import java.util.List;

/**
 * Response bodies of the webhook endpoints, as records Jackson writes in declaration order (the contract's): the
 * webhook, delivery and DLQ entry representations of http-api.md §7.7 (the secret never appears), a replay's
 * outcome and the retry-all counts of §11, and a rotation's answer, the only one that shows a secret. Stateless.
 */
final class HookJson {
    private HookJson() {
    }

    static WebhookView webhook(Webhook webhook) {
        return new WebhookView(webhook.id().toString(), webhook.url(), webhook.tenant().value(),
                webhook.events().stream().sorted(Comparator.naturalOrder()).map(EventType::wireName).toList(),
                webhook.active(), Timestamps.format(webhook.createdAt()));
    }

    static DeliveryView delivery(Delivery d) {
        return new DeliveryView(d.id().toString(), d.webhookId().toString(), d.packetId().toString(),
                d.eventType().wireName(), d.status().wireName(), d.attempts(), d.lastError(), d.lastStatusCode(),
                Timestamps.format(d.nextRetryAt()), Timestamps.format(d.deliveredAt()),
                Timestamps.format(d.createdAt()), Timestamps.format(d.updatedAt()));
    }

    /** A DLQ entry: a delivery without {@code status}, {@code next_retry_at} and {@code delivered_at}. */
    static DeadLetterView deadLetter(Delivery d) {
        return new DeadLetterView(d.id().toString(), d.webhookId().toString(), d.packetId().toString(),
                d.eventType().wireName(), d.attempts(), d.lastError(), d.lastStatusCode(),
                Timestamps.format(d.createdAt()), Timestamps.format(d.updatedAt()));
    }

    /** The webhook and, this once, its new secret. */
    static RotatedView rotated(RotatedSecret rotated) {
        Webhook w = rotated.webhook();
        return new RotatedView(w.id().toString(), w.url(), w.tenant().value(),
                w.events().stream().sorted(Comparator.naturalOrder()).map(EventType::wireName).toList(), w.active(),
                Timestamps.format(w.createdAt()), rotated.secret(), Timestamps.format(w.previousSecretExpiresAt()));
    }

    static Replayed replayed(Delivery d) {
        return new Replayed(d.id().toString(), true, d.status().wireName(), d.attempts());
    }

    static RetriedAll retriedAll(RetryAllResult result) {
        return new RetriedAll(result.retried(), result.succeeded(), result.failed());
    }

    record WebhookView(String id, String url, @JsonProperty("tenant_id") String tenantId, List<String> events,
                       boolean active, @JsonProperty("created_at") String createdAt) {
    }

    record DeliveryView(String id, @JsonProperty("webhook_id") String webhookId,
                        @JsonProperty("packet_id") String packetId, @JsonProperty("event_type") String eventType,
                        String status, int attempts, @JsonProperty("last_error") String lastError,
                        @JsonProperty("last_status_code") Integer lastStatusCode,
                        @JsonProperty("next_retry_at") String nextRetryAt,
                        @JsonProperty("delivered_at") String deliveredAt, @JsonProperty("created_at") String createdAt,
                        @JsonProperty("updated_at") String updatedAt) {
    }

    record DeadLetterView(String id, @JsonProperty("webhook_id") String webhookId,
                          @JsonProperty("packet_id") String packetId, @JsonProperty("event_type") String eventType,
                          int attempts, @JsonProperty("last_error") String lastError,
                          @JsonProperty("last_status_code") Integer lastStatusCode,
                          @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {
    }

    record RotatedView(String id, String url, @JsonProperty("tenant_id") String tenantId, List<String> events,
                       boolean active, @JsonProperty("created_at") String createdAt, String secret,
                       @JsonProperty("previous_secret_expires_at") String previousSecretExpiresAt) {
        @Override
        public String toString() {
            return "RotatedView[id=" + id + "]";
        }
    }

    record Replayed(@JsonProperty("delivery_id") String deliveryId, boolean replayed, String status, int attempts) {
    }

    record RetriedAll(int retried, int succeeded, int failed) {
    }
}
