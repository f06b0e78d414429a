package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Set;

/**
 * A webhook registration. {@code secret} signs deliveries and is never shown again after registration;
 * {@link #toString()} does not reveal it. Immutable.
 */
public record Webhook(WebhookId id, TenantId tenant, String url, Set<EventType> events, String secret,
                      boolean active, Instant createdAt) {
    public Webhook {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(url, "url");
        requireNonNull(secret, "secret");
        requireNonNull(createdAt, "createdAt");
        events = Set.copyOf(events);
    }

    public boolean subscribesTo(EventType type) {
        return active && events.contains(type);
    }

    public Webhook deactivated() {
        return new Webhook(id, tenant, url, events, secret, false, createdAt);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", tenant=" + tenant + ", events=" + events + ", active=" + active + "]";
    }
}
