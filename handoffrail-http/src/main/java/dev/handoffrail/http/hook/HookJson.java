package dev.handoffrail.http.hook;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.Webhook;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The webhook, delivery and DLQ entry representations of http-api.md §7.7; the secret never appears. */
final class HookJson {
    private HookJson() {
    }

    static Map<String, Object> webhook(Webhook webhook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", webhook.id().toString());
        json.put("url", webhook.url());
        json.put("tenant_id", webhook.tenant().value());
        json.put("events", webhook.events().stream().sorted(Comparator.naturalOrder()).map(EventType::wireName)
                .toList());
        json.put("active", webhook.active());
        json.put("created_at", Timestamps.format(webhook.createdAt()));
        return json;
    }

    static Map<String, Object> delivery(Delivery delivery) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id().toString());
        json.put("webhook_id", delivery.webhookId().toString());
        json.put("packet_id", delivery.packetId().toString());
        json.put("event_type", delivery.eventType().wireName());
        json.put("status", delivery.status().wireName());
        json.put("attempts", delivery.attempts());
        json.put("last_error", delivery.lastError());
        json.put("last_status_code", delivery.lastStatusCode());
        json.put("next_retry_at", Timestamps.format(delivery.nextRetryAt()));
        json.put("delivered_at", Timestamps.format(delivery.deliveredAt()));
        json.put("created_at", Timestamps.format(delivery.createdAt()));
        json.put("updated_at", Timestamps.format(delivery.updatedAt()));
        return json;
    }

    /** A DLQ entry: a delivery without {@code status}, {@code next_retry_at} and {@code delivered_at}. */
    static Map<String, Object> deadLetter(Delivery delivery) {
        Map<String, Object> json = delivery(delivery);
        json.remove("status");
        json.remove("next_retry_at");
        json.remove("delivered_at");
        return json;
    }
}
