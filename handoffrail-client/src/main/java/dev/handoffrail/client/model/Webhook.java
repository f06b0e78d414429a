package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.List;

/** A registered webhook (http-api.md §7.7); its secret is never returned. */
public record Webhook(String id, String url, String tenantId, List<String> events, boolean active,
                      Instant createdAt) {
    public Webhook {
        events = Copies.list(events);
    }
}
