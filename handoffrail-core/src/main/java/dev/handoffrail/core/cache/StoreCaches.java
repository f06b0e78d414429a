package dev.handoffrail.core.cache;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.TenantDataChanged;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import java.time.Clock;
import java.util.List;

/**
 * The per-instance caches of what every packet request reads and rarely changes: tenants (with their quota
 * overrides), each tenant's active webhook subscribers per event type (read for every packet event to write the
 * outbox) and schemas. Wraps the stores and their transactor; a write through the wrapped stores empties the
 * affected entries at once and again when its transaction has ended, then announces a
 * {@link TenantDataChanged} on the event bus, which empties them on every instance listening; without a shared bus,
 * other instances see the change within {@link CacheSettings#ttl()}. {@link EventBus.TenantDeleted} empties the
 * tenant's entries too. Thread-safe; closing it stops listening to the bus.
 */
public final class StoreCaches implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StoreCaches.class.getName());

    private final AfterTransaction transactor;
    private final EventBus bus;
    private final ExpiringCache<TenantId, Tenant> tenants;
    private final ExpiringCache<SubscriberKey, List<Webhook>> subscribers;
    private final ExpiringCache<SchemaKey, SchemaDefinition> schemas;
    private final AutoCloseable subscription;

    public StoreCaches(CacheSettings settings, Clock clock, EventBus bus, Transactor transactor) {
        requireNonNull(settings, "settings");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("caches are off in these settings");
        }
        this.transactor = new AfterTransaction(transactor);
        this.bus = requireNonNull(bus, "bus");
        this.tenants = new ExpiringCache<>(clock, settings.ttl(), settings.maxEntries());
        this.subscribers = new ExpiringCache<>(clock, settings.ttl(), settings.maxEntries());
        this.schemas = new ExpiringCache<>(clock, settings.ttl(), settings.maxEntries());
        this.subscription = bus.subscribe(this::onMessage);
    }

    /** The transactor the wrapped stores must share: it empties caches once a changing transaction has ended. */
    public Transactor transactor() {
        return transactor;
    }

    public TenantStore tenants(TenantStore store) {
        return new CachingTenantStore(requireNonNull(store, "store"), tenants, transactor, this::changed);
    }

    public WebhookStore webhooks(WebhookStore store) {
        return new CachingWebhookStore(requireNonNull(store, "store"), subscribers, this::changed);
    }

    public SchemaStore schemas(SchemaStore store) {
        return new CachingSchemaStore(requireNonNull(store, "store"), schemas);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("the caches could not stop listening to the event bus", e);
        }
    }

    /** Empties what {@code change} makes stale, now and after the transaction, then tells the other instances. */
    private void changed(TenantDataChanged change) {
        forget(change);
        transactor.afterwards(() -> {
            forget(change);
            try {
                bus.publish(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "announcing a cache invalidation failed", e);
            }
        });
    }

    private void onMessage(EventBus.Message message) {
        if (message instanceof TenantDataChanged change) {
            forget(change);
        } else if (message instanceof EventBus.TenantDeleted deleted) {
            TenantId tenant = deleted.tenant();
            tenants.invalidate(tenant);
            subscribers.invalidateIf(key -> key.tenant().equals(tenant));
            schemas.invalidateIf(key -> key.tenant().equals(tenant));
        }
    }

    private void forget(TenantDataChanged change) {
        TenantId tenant = change.tenant();
        switch (change.scope()) {
            case TENANT -> tenants.invalidate(tenant);
            case WEBHOOKS -> subscribers.invalidateIf(key -> key.tenant().equals(tenant));
        }
    }

    /** The key of one tenant's active subscribers to one event type. */
    record SubscriberKey(TenantId tenant, EventType type) {
    }

    /** The key of one schema. */
    record SchemaKey(TenantId tenant, SchemaId id) {
    }
}
