package dev.handoffrail.core.auth;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;

/**
 * A stored API key. Only the SHA-256 hash of the secret is kept ({@code secretHash}, lower-case hex); the
 * secret itself exists only in the {@link IssuedApiKey} returned once on creation or rotation. Immutable.
 */
public record ApiKey(ApiKeyId id, TenantId tenant, String name, String prefix, String secretHash, Role role,
                     boolean platformAdmin, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
    public ApiKey {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(name, "name");
        requireNonNull(prefix, "prefix");
        requireNonNull(secretHash, "secretHash");
        requireNonNull(role, "role");
        requireNonNull(createdAt, "createdAt");
        if (platformAdmin && role != Role.ADMIN) {
            throw new IllegalArgumentException("a platform admin key must have role admin");
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public ApiKey revokedAt(Instant at) {
        return new ApiKey(id, tenant, name, prefix, secretHash, role, platformAdmin, createdAt, at, lastUsedAt);
    }

    public ApiKey usedAt(Instant at) {
        return new ApiKey(id, tenant, name, prefix, secretHash, role, platformAdmin, createdAt, revokedAt, at);
    }
}
