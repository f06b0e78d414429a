package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.tenant.TenantId;

/**
 * Tells adapters that keep authenticated keys for a moment (caches) that a key was revoked, a tenant deleted or
 * a tenant's record (tier, quota overrides, name) changed, on this instance or, through the event bus, on any
 * other.
 */
public interface RevocationsUseCase {
    /** Registers {@code listener}; closing the returned handle stops the calls. */
    AutoCloseable subscribe(Listener listener);

    /** Called on the event bus's thread; must be fast and must not throw. */
    interface Listener {
        void keyRevoked(ApiKeyId key);

        void tenantDeleted(TenantId tenant);

        /** The tenant's record changed (tier, quota overrides, name); what was cached about it is stale. */
        default void tenantChanged(TenantId tenant) {
        }
    }
}
