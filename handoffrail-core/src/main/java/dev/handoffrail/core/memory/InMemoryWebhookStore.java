package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Webhook registrations held in memory. Thread-safe; joins the {@link InMemoryTransactor}. */
public final class InMemoryWebhookStore implements WebhookStore {
    private static final Comparator<Webhook> OLDEST_FIRST = Comparator.comparing(Webhook::createdAt)
            .thenComparing(w -> w.id().toString());

    private final InMemoryTransactor transactor;
    private final Table<WebhookId, Webhook> webhooks;

    public InMemoryWebhookStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.webhooks = new Table<>(transactor);
    }

    @Override
    public void insert(Webhook webhook) {
        transactor.run(() -> webhooks.insert(webhook.id(), webhook));
    }

    @Override
    public Optional<Webhook> find(TenantId tenant, WebhookId id) {
        return transactor.inTransaction(() -> webhooks.get(id).filter(w -> w.tenant().equals(tenant)));
    }

    @Override
    public List<Webhook> list(TenantId tenant) {
        return transactor.inTransaction(() -> webhooks.rows().filter(w -> w.tenant().equals(tenant))
                .sorted(OLDEST_FIRST.reversed()).toList());
    }

    @Override
    public List<Webhook> activeSubscribers(TenantId tenant, EventType type) {
        return transactor.inTransaction(() -> webhooks.rows()
                .filter(w -> w.tenant().equals(tenant) && w.subscribesTo(type)).sorted(OLDEST_FIRST).toList());
    }

    @Override
    public long countActive(TenantId tenant) {
        return transactor.inTransaction(() -> webhooks.rows().filter(w -> w.tenant().equals(tenant) && w.active())
                .count());
    }

    @Override
    public boolean updateSecrets(Webhook webhook) {
        return transactor.inTransaction(() -> {
            Optional<Webhook> active = webhooks.get(webhook.id())
                    .filter(w -> w.tenant().equals(webhook.tenant()) && w.active());
            active.ifPresent(w -> webhooks.put(w.id(), new Webhook(w.id(), w.tenant(), w.url(), w.events(),
                    webhook.secret(), true, w.createdAt(), webhook.previousSecret(),
                    webhook.previousSecretExpiresAt())));
            return active.isPresent();
        });
    }

    @Override
    public boolean deactivate(TenantId tenant, WebhookId id) {
        return transactor.inTransaction(() -> {
            Optional<Webhook> active = webhooks.get(id).filter(w -> w.tenant().equals(tenant) && w.active());
            active.ifPresent(w -> webhooks.put(id, w.deactivated()));
            return active.isPresent();
        });
    }
}
