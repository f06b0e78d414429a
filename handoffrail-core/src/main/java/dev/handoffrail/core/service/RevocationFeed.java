package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.port.out.EventBus;

/**
 * {@link RevocationsUseCase} over the {@link EventBus}'s key-revoked, tenant-deleted and tenant-changed messages.
 * Thread-safe.
 */
public final class RevocationFeed implements RevocationsUseCase {
    private final EventBus eventBus;

    public RevocationFeed(EventBus eventBus) {
        this.eventBus = requireNonNull(eventBus, "eventBus");
    }

    @Override
    public AutoCloseable subscribe(Listener listener) {
        requireNonNull(listener, "listener");
        return eventBus.subscribe(message -> {
            if (message instanceof EventBus.KeyRevoked revoked) {
                listener.keyRevoked(revoked.keyId());
            } else if (message instanceof EventBus.TenantDeleted deleted) {
                listener.tenantDeleted(deleted.tenant());
            } else if (message instanceof EventBus.TenantDataChanged changed
                    && changed.scope() == EventBus.TenantDataChanged.Scope.TENANT) {
                listener.tenantChanged(changed.tenant());
            }
        });
    }
}
