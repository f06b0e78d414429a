package dev.handoffrail.core.port.out;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.List;
import java.util.Optional;

/** Webhook registrations. Thread-safe; joins the ambient transaction. */
public interface WebhookStore {
    void insert(Webhook webhook);

    Optional<Webhook> find(TenantId tenant, WebhookId id);

    /** All of the tenant's webhooks, active and inactive, newest first. */
    List<Webhook> list(TenantId tenant);

    /** The tenant's active webhooks subscribed to {@code type}. */
    List<Webhook> activeSubscribers(TenantId tenant, EventType type);

    long countActive(TenantId tenant);

    /**
     * Stores the webhook's {@code secret}, {@code previousSecret} and {@code previousSecretExpiresAt} (a rotation),
     * if it exists in its tenant and is active; returns whether it did.
     */
    boolean updateSecrets(Webhook webhook);

    /** Marks the webhook inactive if it is active; returns whether it did. */
    boolean deactivate(TenantId tenant, WebhookId id);
}
