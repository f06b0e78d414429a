package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.tenant.Tenant;

/**
 * Turns a presented key into its stored key and tenant (http-api.md §2.2): {@code UNAUTHORIZED} for a missing
 * or unknown key, {@code KEY_REVOKED}, {@code TENANT_DELETED}. Compares hashes in constant time.
 */
public interface AuthenticateUseCase {
    Authenticated authenticate(String presentedKey);

    record Authenticated(ApiKey key, Tenant tenant) {
    }
}
