package dev.handoffrail.core.port.out;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored API keys (hashes only). Thread-safe; joins the ambient transaction. */
public interface ApiKeyStore {
    void insert(ApiKey key);

    /** The key whose secret hashes to {@code secretHash} (lower-case hex SHA-256), revoked or not. */
    Optional<ApiKey> findByHash(String secretHash);

    /** The key with this id in any tenant. */
    Optional<ApiKey> findById(ApiKeyId id);

    /** The tenant's keys, revoked ones included, newest first. */
    List<ApiKey> listByTenant(TenantId tenant);

    /** Marks the key revoked at {@code at} if it is not yet revoked; returns whether it did. */
    boolean revoke(ApiKeyId id, Instant at);

    /** Non-revoked keys of the tenant. */
    long countActive(TenantId tenant);

    /** Non-revoked platform-admin keys across all tenants. */
    long countActivePlatformAdmins();

    /** Records a use; callers throttle this to once a minute per key. */
    void touchLastUsed(ApiKeyId id, Instant at);
}
