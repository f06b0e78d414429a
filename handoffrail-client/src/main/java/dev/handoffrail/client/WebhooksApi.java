package dev.handoffrail.client;

import static dev.handoffrail.client.Transport.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.ReplayResult;
import dev.handoffrail.client.model.RetryAllResult;
import dev.handoffrail.client.model.Webhook;
import dev.handoffrail.client.model.WebhookDelivery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webhooks, their deliveries and the dead-letter queue (http-api.md §11). Thread-safe. */
public final class WebhooksApi {
    private static final String HOOKS = "/api/v1/hooks";
    private static final TypeReference<List<Webhook>> WEBHOOKS = new TypeReference<>() {
    };
    private static final TypeReference<List<WebhookDelivery>> DELIVERIES = new TypeReference<>() {
    };

    private final Transport transport;

    WebhooksApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code POST /hooks}: {@code events} null or empty subscribes the default four; {@code secret} (16–256
     * characters) signs every delivery and is never returned.
     */
    public Webhook create(String url, List<String> events, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events == null || events.isEmpty() ? null : events);
        body.put("secret", secret);
        return transport.call(Call.send("POST", HOOKS, body), Webhook.class);
    }

    /** {@code GET /hooks}: active and inactive, newest first. */
    public List<Webhook> list() {
        return transport.call(Call.get(HOOKS), WEBHOOKS);
    }

    /** {@code DELETE /hooks/{id}}: deactivates it and dead-letters its pending deliveries. */
    public void delete(String id) {
        transport.execute(Call.send("DELETE", HOOKS + "/" + segment(id), null));
    }

    /** {@code GET /hooks/{id}/deliveries}; {@code status} null means any. */
    public List<WebhookDelivery> deliveries(String id, String status, int limit, int offset) {
        return transport.call(Call.get(HOOKS + "/" + segment(id) + "/deliveries").param("status", status)
                .param("limit", limit).param("offset", offset), DELIVERIES);
    }

    /** {@code GET /hooks/dlq}: the tenant's dead-lettered deliveries, most recently updated first. */
    public List<WebhookDelivery> deadLetters(int limit, int offset) {
        return transport.call(Call.get(HOOKS + "/dlq").param("limit", limit).param("offset", offset), DELIVERIES);
    }

    /** {@code POST /hooks/dlq/{id}/replay}: one immediate attempt, then the normal schedule if it fails. */
    public ReplayResult replay(String deliveryId) {
        return transport.call(Call.send("POST", HOOKS + "/dlq/" + segment(deliveryId) + "/replay", null),
                ReplayResult.class);
    }

    /** {@code POST /hooks/dlq/retry-all} (admin): retries up to 100 failed deliveries now. */
    public RetryAllResult retryAll() {
        return transport.call(Call.send("POST", HOOKS + "/dlq/retry-all", null), RetryAllResult.class);
    }
}
