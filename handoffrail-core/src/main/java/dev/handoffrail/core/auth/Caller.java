package dev.handoffrail.core.auth;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.tenant.TenantId;

/**
 * Who is asking: the authenticated key's tenant, id, prefix, role and platform-admin flag. Every use case takes
 * one; {@link #system(TenantId)} stands for background work (no key, full rights in one tenant).
 */
public record Caller(TenantId tenant, ApiKeyId keyId, String keyPrefix, Role role, boolean platformAdmin) {
    public Caller {
        requireNonNull(tenant, "tenant");
        requireNonNull(role, "role");
    }

    public static Caller of(ApiKey key) {
        return new Caller(key.tenant(), key.id(), key.prefix(), key.role(), key.platformAdmin());
    }

    /** A caller for system actions: no key ({@code api_key_id} is null in history), admin of {@code tenant}. */
    public static Caller system(TenantId tenant) {
        return new Caller(tenant, null, null, Role.ADMIN, false);
    }

    /** The {@code actor} of non-packet audit entries: {@code key:<prefix>} or {@code system:api}. */
    public String auditActor() {
        return keyPrefix == null ? "system:api" : "key:" + keyPrefix;
    }
}
