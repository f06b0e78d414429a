package dev.handoffrail.core.port.out;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.tenant.TenantId;
import java.util.function.Consumer;

/**
 * Publish/subscribe between the parts of one instance and, when shared (Redis), across instances. Carries packet
 * events after commit and cache invalidations. Every subscriber receives each message once, including messages
 * published on its own instance. Thread-safe; delivery is asynchronous and best-effort.
 */
public interface EventBus extends AutoCloseable {
    void publish(Message message);

    /** Registers {@code listener}; closing the returned handle unsubscribes. */
    AutoCloseable subscribe(Consumer<Message> listener);

    @Override
    default void close() {
    }

    /** What travels on the bus. */
    sealed interface Message {
        TenantId tenant();
    }

    /** A committed packet event. */
    record PacketEventMessage(DomainEvent event) implements Message {
        @Override
        public TenantId tenant() {
            return event.tenant();
        }
    }

    /** A key was revoked: drop it from authentication caches and close its connections. */
    record KeyRevoked(TenantId tenant, ApiKeyId keyId, String secretHash) implements Message {
    }

    /** A tenant was soft-deleted: drop its keys from caches and close its connections. */
    record TenantDeleted(TenantId tenant) implements Message {
    }

    /** Something of the tenant that instances cache has changed: drop it from their caches. */
    record TenantDataChanged(TenantId tenant, Scope scope) implements Message {
        public TenantDataChanged {
            java.util.Objects.requireNonNull(tenant, "tenant");
            java.util.Objects.requireNonNull(scope, "scope");
        }

        /** What changed: the tenant record (tier, quota overrides, name) or its webhook registrations. */
        public enum Scope {
            TENANT,
            WEBHOOKS
        }
    }
}
