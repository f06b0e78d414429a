package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A webhook registration. {@code secret} signs deliveries and is never shown again after registration;
 * {@link #toString()} does not reveal it. After a rotation, {@code previousSecret} keeps signing as well until
 * {@code previousSecretExpiresAt}, so receivers can switch secrets without rejecting a delivery (both are null when
 * there is none). Immutable.
 */
public record Webhook(WebhookId id, TenantId tenant, String url, Set<EventType> events, String secret,
                      boolean active, Instant createdAt, String previousSecret, Instant previousSecretExpiresAt) {
    public Webhook {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(url, "url");
        requireNonNull(secret, "secret");
        requireNonNull(createdAt, "createdAt");
        events = Set.copyOf(events);
        if ((previousSecret == null) != (previousSecretExpiresAt == null)) {
            throw new IllegalArgumentException("a previous secret always has an expiry, and only then");
        }
    }

    /** A webhook with a single secret. */
    public Webhook(WebhookId id, TenantId tenant, String url, Set<EventType> events, String secret, boolean active,
                   Instant createdAt) {
        this(id, tenant, url, events, secret, active, createdAt, null, null);
    }

    public boolean subscribesTo(EventType type) {
        return active && events.contains(type);
    }

    public Webhook deactivated() {
        return new Webhook(id, tenant, url, events, secret, false, createdAt, previousSecret,
                previousSecretExpiresAt);
    }

    /**
     * This webhook signing with {@code newSecret}; the current secret keeps signing until {@code previousUntil},
     * or stops at once when {@code previousUntil} is not after {@code now}. A secret older than the current one is
     * dropped.
     */
    public Webhook withRotatedSecret(String newSecret, Instant now, Instant previousUntil) {
        requireNonNull(newSecret, "newSecret");
        boolean grace = previousUntil.isAfter(now);
        return new Webhook(id, tenant, url, events, newSecret, active, createdAt, grace ? secret : null,
                grace ? previousUntil : null);
    }

    /** The secrets that sign an attempt made at {@code now}: the current one first, then a previous one in grace. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", tenant=" + tenant + ", events=" + events + ", active=" + active + "]";
    }
}
