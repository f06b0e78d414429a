package dev.handoffrail.core.service;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.List;
import java.util.Optional;

/** A webhook store whose outbox lookup fails, as a database going away mid-transaction would. */
final class UnavailableWebhooks implements WebhookStore {
    private final WebhookStore delegate;

    UnavailableWebhooks(WebhookStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Webhook> activeSubscribers(TenantId tenant, EventType type) {
        throw new IllegalStateException("database unavailable");
    }

    @Override
    public void insert(Webhook webhook) {
        delegate.insert(webhook);
    }

    @Override
    public Optional<Webhook> find(TenantId tenant, WebhookId id) {
        return delegate.find(tenant, id);
    }

    @Override
    public List<Webhook> list(TenantId tenant) {
        return delegate.list(tenant);
    }

    @Override
    public long countActive(TenantId tenant) {
        return delegate.countActive(tenant);
    }

    @Override
    public boolean updateSecrets(Webhook webhook) {
        return delegate.updateSecrets(webhook);
    }

    @Override
    public boolean deactivate(TenantId tenant, WebhookId id) {
        return delegate.deactivate(tenant, id);
    }
}
