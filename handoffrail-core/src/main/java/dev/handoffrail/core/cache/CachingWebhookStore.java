package dev.handoffrail.core.cache;

import dev.handoffrail.core.cache.StoreCaches.SubscriberKey;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.EventBus.TenantDataChanged;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link WebhookStore} whose {@link #activeSubscribers}, read for every packet event to write the outbox, answer
 * from a cache (an empty list included, the common case). Every other read goes to the store. Writes announce
 * {@link TenantDataChanged.Scope#WEBHOOKS}. Thread-safe.
 */
final class CachingWebhookStore implements WebhookStore {
    private final WebhookStore store;
    private final ExpiringCache<SubscriberKey, List<Webhook>> cache;
    private final Consumer<TenantDataChanged> changed;

    CachingWebhookStore(WebhookStore store, ExpiringCache<SubscriberKey, List<Webhook>> cache,
                        Consumer<TenantDataChanged> changed) {
        this.store = store;
        this.cache = cache;
        this.changed = changed;
    }

    @Override
    public void insert(Webhook webhook) {
        store.insert(webhook);
        changed.accept(new TenantDataChanged(webhook.tenant(), TenantDataChanged.Scope.WEBHOOKS));
    }

    @Override
    public Optional<Webhook> find(TenantId tenant, WebhookId id) {
        return store.find(tenant, id);
    }

    @Override
    public List<Webhook> list(TenantId tenant) {
        return store.list(tenant);
    }

    @Override
    public List<Webhook> activeSubscribers(TenantId tenant, EventType type) {
        return cache.get(new SubscriberKey(tenant, type),
                key -> List.copyOf(store.activeSubscribers(key.tenant(), key.type())));
    }

    @Override
    public long countActive(TenantId tenant) {
        return store.countActive(tenant);
    }

    @Override
    public boolean updateSecrets(Webhook webhook) {
        boolean updated = store.updateSecrets(webhook);
        if (updated) {
            changed.accept(new TenantDataChanged(webhook.tenant(), TenantDataChanged.Scope.WEBHOOKS));
        }
        return updated;
    }

    @Override
    public boolean deactivate(TenantId tenant, WebhookId id) {
        boolean deactivated = store.deactivate(tenant, id);
        if (deactivated) {
            changed.accept(new TenantDataChanged(tenant, TenantDataChanged.Scope.WEBHOOKS));
        }
        return deactivated;
    }
}
